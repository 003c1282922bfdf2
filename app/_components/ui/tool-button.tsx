// A panel's plain button (the race's, the training's): its text, an icon before it (hidden from
// screen readers: the text says it), a hint on hover, a test id.
import type { ReactNode } from "react";

export interface ToolButtonProps {
  className?: string;
  onClick(): void;
  disabled?: boolean;
  /** a hint on hover */
  title?: string;
  testId: string;
  /** before the text, hidden from screen readers ("▶", "↺") */
  icon?: string;
  children: ReactNode;
}

export function ToolButton({ className, onClick, disabled, title, testId, icon, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={className}
      onClick={onClick}
      disabled={disabled}
      title={title}
      data-testid={testId}
    >
      {icon && <span aria-hidden="true">{icon} </span>}
      {children}
    </button>
  );
}
