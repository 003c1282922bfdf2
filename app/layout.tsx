import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { requestLocale } from "./_i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: "Activation Lab",
  description: "A live classroom lab on how a neuron and its activation function work.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f8fa" },
    { media: "(prefers-color-scheme: dark)", color: "#111318" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // the remembered language (cookie) or the browser's; a page's ?lang= is applied by its
  // LocaleProvider, which keeps <html lang> in step from then on
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
