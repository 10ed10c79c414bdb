import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "InferenceKey Console", template: "%s · InferenceKey" },
  description: "Mint, rotate and revoke InferenceKey control tokens and data keys.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
