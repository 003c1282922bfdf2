"use client";
// A labelled <select> of a few known values (a data set, a learning rate, a speed): the value
// chosen comes back as one of `options` itself, never as a string to parse or check again.
export interface ChoiceFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly T[];
  /** how an option reads */
  text(option: T): string;
  onChange(value: T): void;
  testId: string;
  className?: string;
}

export function ChoiceField<T extends string | number>({
  label,
  value,
  options,
  text,
  onChange,
  testId,
  className,
}: ChoiceFieldProps<T>) {
  return (
    <label className={className}>
      <span>{label}</span>
      <select
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const chosen = options.find((option) => String(option) === e.currentTarget.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
