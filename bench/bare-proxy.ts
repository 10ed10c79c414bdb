// The benchmark's yardstick: the least a Node.js reverse proxy can do — no authentication, no
// lookup, no body rewrite, a keep-alive pool, the body piped through. The gateway cannot beat this
// on the same runtime; how close it comes is what its own code costs. Prints "listening <port>".
import http from "node:http";
import type { AddressInfo } from "node:net";

const target = Number(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, scheduling: "lifo", maxFreeSockets: 256 });

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: `127.0.0.1:${target}` };
  const up = http.request({ hostname: "127.0.0.1", port: target, method: req.method, path: req.url, headers, agent }, (ur) => {
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    ur.pipe(res);
  });
  up.on("error", () => {
    res.statusCode = 502;
    res.end();
  });
  req.pipe(up);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
