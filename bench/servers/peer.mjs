// Starts oauth2-mock-server (ES256) on a free loopback port and prints its URL.
import { OAuth2Server } from 'oauth2-mock-server';
const server = new OAuth2Server();
await server.issuer.keys.generate('ES256');
await server.start(0, '127.0.0.1');
process.stdout.write(`${server.issuer.url}\n`);
