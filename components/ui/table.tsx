import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Table({ className, caption, children, ...rest }: ComponentProps<"table"> & { caption?: string }) {
  return (
    <div className="relative overflow-x-auto">
      <table className={cn("min-w-full divide-y divide-slate-200 text-left text-sm", className)} {...rest}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function THead(props: ComponentProps<"thead">) {
  return <thead className="bg-slate-50" {...props} />;
}

export function TBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-slate-100 bg-white" {...props} />;
}

export function TR(props: ComponentProps<"tr">) {
  return <tr {...props} />;
}

export function TH({ className, ...rest }: ComponentProps<"th">) {
  return <th scope="col" className={cn("px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-700", className)} {...rest} />;
}

export function TD({ className, ...rest }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-2 align-middle text-slate-900", className)} {...rest} />;
}
