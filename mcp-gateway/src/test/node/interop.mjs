// Drives the gateway with the official MCP TypeScript SDK client. Run by McpInteropTest:
//   node interop.mjs <gateway url> <access token>
// Prints one JSON object with what each step observed; the Java test asserts on it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

const [url, token] = process.argv.slice(2);

function connect(bearer) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
  });
  const client = new Client({ name: 'incident-interop-test', version: '1.0.0' });
  return { client, transport };
}

async function failure(promise) {
  try {
    const value = await promise;
    return { thrown: false, value };
  } catch (e) {
    return { thrown: true, code: e.code ?? null, message: String(e.message) };
  }
}

const out = { clientProtocolVersion: LATEST_PROTOCOL_VERSION };
const { client, transport } = connect(token);
await client.connect(transport);
out.serverInfo = client.getServerVersion();
out.capabilities = client.getServerCapabilities();
out.negotiatedProtocolVersion = transport.protocolVersion ?? null;
out.ping = await client.ping();
out.tools = (await client.listTools()).tools.map((t) => t.name);
out.call = await client.callTool({
  name: 'container-insight-pod-metrics',
  arguments: { namespace: 'shop', pod: 'cart-7d9', minutes: 15 },
});
out.unknownTool = await failure(client.callTool({ name: 'kubectl-delete-everything', arguments: {} }));
out.invalidParams = await failure(client.request({ method: 'tools/call', params: { name: 42 } }, CallToolResultSchema));
out.invalidArguments = await client.callTool({ name: 'container-insight-pod-metrics', arguments: { namespace: 'shop' } });
out.unsupportedMethod = await failure(client.listResources());
await client.close();

const bad = connect('not-a-jwt');
out.unauthorized = await failure(bad.client.connect(bad.transport));

console.log(JSON.stringify(out));
