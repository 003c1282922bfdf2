// A report's CSV file, fetched with the key in a header (never in an address) and handed to the
// browser as a download: the report page and the teacher's ended page both offer them.
/** `neurons`: the answers of "Be the network" (lib/network-activity/report.ts) */
export type ReportTable = "answers" | "students" | "neurons";

export async function downloadReportCsv(code: string, key: string, table: ReportTable, locale: string) {
  const response = await fetch(`/api/reports/${code}/${table}.csv?lang=${locale}`, {
    headers: { "x-report-key": key },
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `activation-lab-${code}-${table}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
