/**
 * Idempotent creation for a client's request id (`clientRequestId`): a phone that lost the
 * answer sends the same request again and must get the object the first try made, never a
 * second one — also when both tries arrive at once.
 *
 * The table holds a unique index over (owner, client request id). `find` looks the id up
 * among the caller's own rows; `replay` turns the earlier row into the answer and throws
 * when it was made for another subject (the same id reused for a different household,
 * disclosure, case …: REQUEST_ID_REUSED or the module's own code). `create` makes the
 * object in its own transaction (or a single statement): when the two tries race, the
 * loser's insert fails on `constraint`, its transaction rolls back whole, and the winner's
 * row is answered instead.
 */
export type Idempotent<E, T> = {
  /** the client's request id; without one, `create` just runs */
  requestId: string | null | undefined;
  /** the caller's earlier row for this request id, if any */
  find: (requestId: string) => Promise<E | null | undefined>;
  /** the name of the unique index over (owner, request id) */
  constraint: string;
  create: () => Promise<T>;
  /** the answer for an earlier row; throws when it belongs to another subject */
  replay: (earlier: E) => T | Promise<T>;
};

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

export async function createOnce<E, T>(o: Idempotent<E, T>): Promise<T> {
  const id = o.requestId;
  if (!id) return o.create();
  const earlier = await o.find(id);
  if (earlier) return o.replay(earlier);
  try {
    return await o.create();
  } catch (err) {
    if (!isUniqueViolation(err, o.constraint)) throw err;
    // the same request arrived twice at once: the other one made it
    const made = await o.find(id);
    if (!made) throw err;
    return o.replay(made);
  }
}
