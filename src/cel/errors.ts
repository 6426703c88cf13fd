/** An error a library function raises while evaluating: the expression's evaluation fails with its message. */
export class CelLibraryError extends Error {
  override name = 'CelLibraryError';
}

export function celError(message: string): CelLibraryError {
  return new CelLibraryError(message);
}
