/** A syntax problem found while parsing. Parsing never throws; it returns these instead. */
export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}
