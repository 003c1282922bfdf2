// The calculator helper a teacher may switch on for "Be the network": a student types the
// multiplications and sums themselves ("0.5*1 + 0.2*1 + 0.1") and sees the result. It never fills
// in anything on its own: the arithmetic to do is still the student's. Pure: + − × ÷ and
// parentheses, the real minus and × ÷ · signs, a decimal comma, full-width digits.

/** The value of `text`, or null when it is not an expression of numbers. */
export function calculate(text: string): number | null {
  const source = text
    .normalize("NFKC")
    .replace(/[−–]/g, "-")
    .replace(/[×·]/g, "*")
    .replace(/÷/g, "/")
    .replace(/(\d),(\d)/g, "$1.$2")
    .replace(/\s+/g, "");
  if (source === "" || source.length > 200) return null;
  let at = 0;
  const peek = () => source[at];

  function number(): number | null {
    const match = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(source.slice(at));
    if (!match) return null;
    at += match[0].length;
    return Number(match[0]);
  }
  function factor(): number | null {
    if (peek() === "-") {
      at++;
      const value = factor();
      return value === null ? null : -value;
    }
    if (peek() === "+") {
      at++;
      return factor();
    }
    if (peek() === "(") {
      at++;
      const value = sum();
      if (value === null || peek() !== ")") return null;
      at++;
      return value;
    }
    return number();
  }
  function product(): number | null {
    let value = factor();
    while (value !== null && (peek() === "*" || peek() === "/")) {
      const op = source[at++];
      const next = factor();
      if (next === null) return null;
      value = op === "*" ? value * next : value / next;
    }
    return value;
  }
  function sum(): number | null {
    let value = product();
    while (value !== null && (peek() === "+" || peek() === "-")) {
      const op = source[at++];
      const next = product();
      if (next === null) return null;
      value = op === "+" ? value + next : value - next;
    }
    return value;
  }
  const value = sum();
  return value !== null && at === source.length && Number.isFinite(value) ? value : null;
}
