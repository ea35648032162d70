// Small helpers shared by the Jest tests.

/** The error fn throws; fails the test when it does not throw. */
export function caught(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** The reason the promise rejects with; fails the test when it resolves. */
export async function rejected(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** text cut into pieces of `size` characters (the last may be shorter). */
export function chunked(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
