/**
 * The answer of `aws:iam/getPolicyDocument:getPolicyDocument`: the IAM policy JSON built from
 * the statements a program passes, as the data source builds it, so a bucket or role policy
 * made from it is known text for the guardrails (and not an unknown).
 *
 * What the data source does (Terraform's `aws_iam_policy_document`, which the Pulumi AWS
 * provider wraps; read 2026-11-30):
 * - `Version` defaults to "2012-10-17"; `policyId` becomes `Id`.
 * - A statement's `effect` defaults to "Allow"; an empty `sid` is left out (provider v5+,
 *   hashicorp/terraform-provider-aws#28539).
 * - A list of one action, resource, identifier or condition value is written as a plain
 *   string (hashicorp/terraform-provider-aws#22322 describes this).
 * - Principals of one type merge into one key; `type: "*"` with identifier "*" is `"Principal": "*"`.
 * - Conditions merge by operator, then by key: `{ "StringEquals": { "aws:SourceAccount": "…" } }`.
 * - `sourcePolicyDocuments` come first, the given statements replace those with the same Sid,
 *   and `overridePolicyDocuments` replace by Sid again (statements without a Sid are appended).
 * - `json` is indented by two spaces, `minifiedJson` has no whitespace.
 */
import { createHash } from "crypto";

type Json = Record<string, unknown>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
/** One value as a string, several as an array (the data source's own rule). */
const oneOrMany = (v: string[]): string | string[] => (v.length === 1 ? v[0] : v);

function principals(given: unknown): unknown {
  const items = Array.isArray(given) ? (given as Json[]) : [];
  if (items.length === 0) return undefined;
  if (items.length === 1 && items[0].type === "*" && list(items[0].identifiers).every((i) => i === "*")) return "*";
  const byType: Record<string, string[]> = {};
  for (const p of items) (byType[String(p.type)] ??= []).push(...list(p.identifiers));
  return Object.fromEntries(Object.entries(byType).map(([t, ids]) => [t, oneOrMany(ids)]));
}

function conditions(given: unknown): unknown {
  const items = Array.isArray(given) ? (given as Json[]) : [];
  if (items.length === 0) return undefined;
  const byTest: Record<string, Record<string, string[]>> = {};
  for (const c of items) ((byTest[String(c.test)] ??= {})[String(c.variable)] ??= []).push(...list(c.values));
  return Object.fromEntries(Object.entries(byTest).map(([t, vars]) => [t, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, oneOrMany(v)]))]));
}

/** One statement of the arguments as the policy language writes it. */
function statement(s: Json): Json {
  const out: Json = {};
  if (typeof s.sid === "string" && s.sid !== "") out.Sid = s.sid;
  out.Effect = typeof s.effect === "string" && s.effect !== "" ? s.effect : "Allow";
  const put = (key: string, value: unknown) => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  };
  put("Action", s.actions === undefined ? undefined : oneOrMany(list(s.actions)));
  put("NotAction", s.notActions === undefined ? undefined : oneOrMany(list(s.notActions)));
  put("Resource", s.resources === undefined ? undefined : oneOrMany(list(s.resources)));
  put("NotResource", s.notResources === undefined ? undefined : oneOrMany(list(s.notResources)));
  put("Principal", principals(s.principals));
  put("NotPrincipal", principals(s.notPrincipals));
  put("Condition", conditions(s.conditions));
  return out;
}

/** The statements of a JSON policy text; none when it does not parse. */
function statementsOf(text: unknown): Json[] {
  if (typeof text !== "string") return [];
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return Array.isArray(doc.Statement) ? (doc.Statement as Json[]) : doc.Statement && typeof doc.Statement === "object" ? [doc.Statement as Json] : [];
  } catch {
    return [];
  }
}

/** Later statements replace earlier ones with the same Sid; those without a Sid are appended. */
function mergeBySid(base: Json[], over: Json[]): Json[] {
  const out = [...base];
  for (const s of over) {
    const at = typeof s.Sid === "string" ? out.findIndex((o) => o.Sid === s.Sid) : -1;
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

/** The data source's result for the given (known) arguments. */
export function policyDocument(args: Json): { id: string; json: string; minifiedJson: string } {
  let statements: Json[] = [];
  for (const doc of [...list(args.sourcePolicyDocuments), ...(args.sourceJson ? [String(args.sourceJson)] : [])]) statements = mergeBySid(statements, statementsOf(doc));
  statements = mergeBySid(statements, (Array.isArray(args.statements) ? (args.statements as Json[]) : []).map(statement));
  for (const doc of [...(args.overrideJson ? [String(args.overrideJson)] : []), ...list(args.overridePolicyDocuments)]) statements = mergeBySid(statements, statementsOf(doc));
  const policy: Json = { Version: typeof args.version === "string" && args.version !== "" ? args.version : "2012-10-17" };
  if (typeof args.policyId === "string" && args.policyId !== "") policy.Id = args.policyId;
  policy.Statement = statements;
  const minifiedJson = JSON.stringify(policy);
  // The data source's id is a number hashed from the document.
  return { id: String(parseInt(createHash("sha256").update(minifiedJson).digest("hex").slice(0, 8), 16)), json: JSON.stringify(policy, null, 2), minifiedJson };
}
