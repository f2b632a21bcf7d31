/** The union's keys, member by member. */
type KeysOfUnion<U> = U extends unknown ? keyof U : never;

/**
 * Every field any action's body may carry, each optional: what an action form collects before it is
 * sent. The API's body is a union with one member per action (its required fields required); a form
 * value of this type is accepted where that union is expected, and the server checks the action's own.
 */
export type AnyActionBody<U> = {
  [K in KeysOfUnion<U>]?: U extends { [P in K]?: infer V } ? V : never;
};
