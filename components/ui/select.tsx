import type { ComponentProps } from "react";
import { cn } from "./cn";
import { CONTROL } from "./input";

export function Select({ className, options, ...rest }: ComponentProps<"select"> & { options?: readonly (string | { value: string; label: string })[] }) {
  return (
    <select className={cn(CONTROL, "pr-8", className)} {...rest}>
      {options?.map((o) => {
        const { value, label } = typeof o === "string" ? { value: o, label: o } : o;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
      {rest.children}
    </select>
  );
}
