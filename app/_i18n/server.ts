// The language a request is rendered in, on the server: ?lang= (pages pass their searchParams),
// else the remembered choice (cookie), else the browser's Accept-Language, else English; and
// requestT(), the same t() as the browser's useT(), for server-rendered text (page titles).
import { cookies, headers } from "next/headers";
import {
  LOCALE_COOKIE,
  LOCALE_QUERY,
  pickLocale,
  translator,
  type Locale,
  type Namespace,
  type Translator,
} from "@/lib/i18n";

export type SearchParams = Record<string, string | string[] | undefined>;

export async function requestLocale(searchParams?: SearchParams): Promise<Locale> {
  const query = searchParams?.[LOCALE_QUERY];
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return pickLocale({
    query: Array.isArray(query) ? query[0] : query,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
}

/** The texts of one namespace in the request's language. */
export async function requestT<N extends Namespace>(namespace: N, searchParams?: SearchParams): Promise<Translator<N>> {
  return translator(await requestLocale(searchParams), namespace);
}
