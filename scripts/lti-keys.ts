// `npm run lti:keys`: creates Qadam's LTI signing key in .dev.vars, or adds a new one (rotation) keeping the last two.
// `--if-missing` only creates it when there is none (npm run dev). Production: pipe `--print` into `wrangler secret put`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair, type JWK } from "jose";

const FILE = ".dev.vars";
const NAME = "LTI_PRIVATE_JWKS";
const KEEP = 2;

const args = new Set(process.argv.slice(2));
const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
const line = text.split("\n").find((l) => l.startsWith(`${NAME}=`));
// Single quotes: .dev.vars is dotenv, where they keep the JSON's double quotes as they are.
const current: JWK[] = line ? (JSON.parse(line.slice(NAME.length + 1).replace(/^'|'$/g, "")) as { keys: JWK[] }).keys : [];

if (args.has("--if-missing") && current.length > 0) process.exit(0);

const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: new Date().toISOString().slice(0, 19).replace(/[-:]/g, ""), alg: "RS256" };
const keys = [...current, jwk].slice(-KEEP);
const value = JSON.stringify({ keys });

if (args.has("--print")) {
  process.stdout.write(value);
} else {
  const others = text.split("\n").filter((l) => l !== "" && !l.startsWith(`${NAME}=`));
  writeFileSync(FILE, `${[...others, `${NAME}='${value}'`].join("\n")}\n`);
  console.log(`${FILE}: ${NAME} now has ${keys.length} key(s); the newest (${jwk.kid}) signs.`);
}
