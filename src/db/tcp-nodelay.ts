// neo4j-driver writes a Bolt message in 1,400-byte chunks, one socket write each, on sockets left with Nagle's
// algorithm on: a statement (with its parameters) over ~1.4 KB leaves its second chunk waiting for the server's
// delayed ACK, ~40 ms on Linux, on every round trip. The driver has no option for TCP_NODELAY and configures each
// Bolt socket with `setKeepAlive(true)` only; so, once per process, that call also turns Nagle off. Sockets of other
// libraries that ask for keep-alive get TCP_NODELAY too, which Node's http already sets by default.
import net from 'node:net';

const PATCHED = Symbol.for('chipgraph.setKeepAliveNoDelay');

export function enableTcpNoDelayForDriver(): void {
  const proto = net.Socket.prototype as net.Socket & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  type SetKeepAlive = (this: net.Socket, ...args: Parameters<net.Socket['setKeepAlive']>) => net.Socket;
  const setKeepAlive = Object.getOwnPropertyDescriptor(proto, 'setKeepAlive')?.value as SetKeepAlive;
  proto.setKeepAlive = function (this: net.Socket, ...args: Parameters<net.Socket['setKeepAlive']>) {
    this.setNoDelay(true);
    return setKeepAlive.apply(this, args);
  };
  proto[PATCHED] = true;
}
