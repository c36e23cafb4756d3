/**
 * Provider functions the recorder has no answer for (dataSources.ts) are answered as wholly
 * unknown, as a preview shows what it cannot know: every property of the result, at any depth,
 * is unknown; used as a resource input it is recorded as unknown (undefined), so the resource
 * that depends on it is still recorded. An empty `{}` would instead make `result.roots[0].id`
 * throw, and every resource built from it would silently go missing.
 *
 * The unknown result is a Proxy: reading any property gives itself, the methods of arrays and
 * strings (`map`, `slice`, `join`…) can be called and give it too (their callbacks do not run:
 * an unknown list has no known items), it iterates as empty, it turns into the text
 * "(unknown)", and Pulumi's own test (`__pulumiUnknown`) reports it unknown, so a resource
 * input holding it is unknown wherever it sits (an array item too). It cannot be the mock
 * monitor's answer (the wire format has no such value), so while a foreign program runs, the
 * SDK's invoke functions answer unknown tokens themselves and pass the others on.
 */
import * as pulumi from "@pulumi/pulumi";

/** Text an unknown becomes in a template string or a concatenation. */
export const UNKNOWN_TEXT = "(unknown)";

/** Names of the methods arrays, strings and objects have: callable on an unknown. */
const METHODS: ReadonlySet<string> = new Set(
  [Array.prototype, String.prototype, Object.prototype].flatMap((p) => Object.getOwnPropertyNames(p)).filter((k) => k !== "constructor" && k !== "__proto__" && k !== "length"),
);

/** A value whose every property, at any depth, is unknown. */
export function unknownResult(): unknown {
  let self: unknown;
  const method = () => self;
  const handler: ProxyHandler<object> = {
    get(_target, key) {
      if (key === "__pulumiUnknown") return true;
      // Not an Output, a Resource, an Asset, a promise or JSON: just an unknown.
      if (typeof key === "string" && (key.startsWith("__pulumi") || key === "then" || key === "toJSON")) return undefined;
      if (key === Symbol.iterator) return function* empty() {};
      if (key === Symbol.toPrimitive) return () => UNKNOWN_TEXT;
      if (typeof key === "symbol") return undefined;
      return METHODS.has(key) ? method : self;
    },
  };
  self = new Proxy({}, handler);
  return self;
}

type Invoke = (tok: string, props: unknown, opts?: unknown, packageRef?: unknown) => unknown;
interface InvokeFunctions {
  invoke: Invoke;
  invokeSingle: Invoke;
  invokeOutput: Invoke;
  invokeSingleOutput: Invoke;
}

/**
 * Makes the SDK's invoke functions answer tokens `known` rejects with an unknown result
 * (calling `onUnknown` with the token) until the returned restore function runs.
 */
export function answerUnknownInvokes(known: (token: string) => boolean, onUnknown: (token: string) => void): () => void {
  const runtime = pulumi.runtime as unknown as InvokeFunctions;
  const saved: InvokeFunctions = { invoke: runtime.invoke, invokeSingle: runtime.invokeSingle, invokeOutput: runtime.invokeOutput, invokeSingleOutput: runtime.invokeSingleOutput };
  // Pulumi's own functions (`pulumi:pulumi:getResource`…) always go to the monitor.
  const ours = (tok: string) => tok.startsWith("pulumi:") || known(tok);
  const plain = (real: Invoke): Invoke => (tok, ...rest) => {
    if (tok.startsWith("pulumi:")) return real(tok, ...rest);
    if (!known(tok)) {
      onUnknown(tok);
      return Promise.resolve(unknownResult());
    }
    // A known function called with arguments unknown at preview (another resource's id) gets
    // `{}` from the SDK: unknown as well, so `result.ids[0]` does not throw.
    return (real(tok, ...rest) as Promise<unknown>).then((r) => (r && typeof r === "object" && Object.keys(r).length === 0 ? unknownResult() : r));
  };
  const output = (real: Invoke): Invoke => (tok, ...rest) => {
    if (ours(tok)) return real(tok, ...rest);
    onUnknown(tok);
    return pulumi.output(Promise.resolve(unknownResult()));
  };
  runtime.invoke = plain(saved.invoke);
  runtime.invokeSingle = plain(saved.invokeSingle);
  runtime.invokeOutput = output(saved.invokeOutput);
  runtime.invokeSingleOutput = output(saved.invokeSingleOutput);
  return () => Object.assign(runtime, saved);
}
