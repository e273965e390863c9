// Drives Lacquer's Cloudflare-compatible purge API with the official Cloudflare SDK for JavaScript, exactly
// as an application would: new Cloudflare({ apiToken, baseURL }) and client.cache.purge({ zone_id, ... }).
//
//   node purge.mjs <baseURL> <zoneId> <token> '<operations JSON>'
//   (or LACQUER_BASE_URL, LACQUER_ZONE_ID, LACQUER_TOKEN, LACQUER_OPERATIONS in the environment)
//
// baseURL is the admin listener's Cloudflare root, e.g. http://127.0.0.1:8081/client/v4; it must be a
// loopback address, so that a missing or wrong argument can never send a request anywhere else.
// Operations: [{"name":"tags","params":{"tags":["red"]},"zone_id":"…"?,"token":"…"?,"options":{…}?}, …], run in order;
// "options" are the SDK's per-request options (e.g. {"query":{"wait":"all"}} or {"headers":{…}}).
// Prints one JSON line per operation:
//   {"name":"tags","ok":true,"id":"<purge id>"}
//   {"name":"wrong-token","ok":false,"error":"PermissionDeniedError","status":403,"message":"…"}
// Exits 0 when every operation ran (whatever its outcome), 2 on bad arguments.
import Cloudflare from 'cloudflare';

const [baseURL, zoneId, token, operationsJson] = [
  process.argv[2] ?? process.env.LACQUER_BASE_URL,
  process.argv[3] ?? process.env.LACQUER_ZONE_ID,
  process.argv[4] ?? process.env.LACQUER_TOKEN,
  process.argv[5] ?? process.env.LACQUER_OPERATIONS,
];

function usage(problem) {
  console.error(`purge.mjs: ${problem}`);
  console.error("usage: node purge.mjs <baseURL> <zoneId> <token> '<operations JSON>'");
  process.exit(2);
}

if (!baseURL || !zoneId || !token || !operationsJson) {
  usage('baseURL, zoneId, token and operations are all required');
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);
let url;
try {
  url = new URL(baseURL);
} catch {
  usage(`baseURL is not a URL: ${baseURL}`);
}
if (url.protocol !== 'http:' || !loopback.has(url.hostname)) {
  usage(`baseURL must be http on a loopback address, got ${baseURL}`);
}

let operations;
try {
  operations = JSON.parse(operationsJson);
} catch (error) {
  usage(`operations are not JSON: ${error.message}`);
}
if (!Array.isArray(operations)) {
  usage('operations must be a JSON array');
}

for (const operation of operations) {
  const client = new Cloudflare({
    apiToken: operation.token ?? token,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL,
    maxRetries: 0,
    timeout: 30_000,
  });
  try {
    const result = await client.cache.purge({ zone_id: operation.zone_id ?? zoneId, ...operation.params }, operation.options);
    console.log(JSON.stringify({ name: operation.name, ok: true, id: result?.id ?? null }));
  } catch (error) {
    console.log(JSON.stringify({
      name: operation.name,
      ok: false,
      error: error?.constructor?.name ?? String(error),
      status: error?.status ?? null,
      message: error?.message ?? String(error),
    }));
  }
}
