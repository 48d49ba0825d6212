/**
 * Plain-text form of a title or abstract for matching: LaTeX and HTML markup
 * reduced to its text ($\sigma$-model -> σ-model stays "sigma-model"-like text),
 * whitespace collapsed. The written form is always kept beside it.
 */
const LATEX_SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', theta: 'θ', lambda: 'λ', mu: 'μ',
  pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', ell: 'ℓ', infty: '∞', times: '×', cdot: '·',
};

export function plainText(text: string): string {
  return text
    .replace(/<\/?[a-zA-Z][^>]*>/g, '') // inline HTML/MathML tags
    .replace(/\\(?:textbf|textit|emph|mathrm|mathbf|mathcal|mathit|text|texttt|textsc|mbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\([a-zA-Z]+)\s*/g, (m, name: string) => LATEX_SYMBOLS[name] ?? '')
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/[{}$]/g, '')
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
