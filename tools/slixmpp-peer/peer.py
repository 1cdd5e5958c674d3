#!/usr/bin/python3
"""slixmpp-peer: slixmpp's own SI file transfer (XEP-0095/0096 over XEP-0047 or XEP-0065) as a
command-line peer, run as a separate process against the local Prosody (scripts/prosody).

Same command line and output lines as tools/smack-peer (see README.md beside this file). Needs
Debian's python3-slixmpp (1.8.3) and therefore Debian's interpreter, /usr/bin/python3.
"""

import argparse
import asyncio
import hashlib
import ipaddress
import logging
import os
import stat
import sys
import time
import uuid

OK = 0
TRANSFER_FAILED = 1
BAD_COMMAND_LINE = 2
CONNECTION_FAILED = 3
TIMED_OUT = 4

IBB = 'http://jabber.org/protocol/ibb'
SOCKS5 = 'http://jabber.org/protocol/bytestreams'
# offered in this order; slixmpp as a receiver picks IBB whenever it is offered, whatever the order
METHODS = {'ibb': [IBB], 'socks5': [SOCKS5], 'any': [SOCKS5, IBB]}
METHOD_NAMES = {IBB: 'ibb', SOCKS5: 'socks5'}
MAX_NAME_BYTES = 255
READ_CHUNK = 1 << 16


class UsageError(Exception):
    pass


class PeerFailure(Exception):
    """Ends the run with an exit code and one stderr line."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- output

def token(raw):
    """Percent-encodes everything but printable ASCII, and '%' and '=' themselves (as smack-peer does)."""
    out = []
    for b in str(raw).encode('utf-8'):
        if 0x20 < b < 0x7f and b not in (ord('%'), ord('=')):
            out.append(chr(b))
        else:
            out.append('%%%02X' % b)
    return ''.join(out)


def text(raw):
    """Human text as one space-free token."""
    return token('_'.join(str(raw).split()))


def line(words):
    sys.stdout.write(words + '\n')
    sys.stdout.flush()


def problem(message):
    sys.stderr.write('slixmpp-peer: ' + ' '.join(str(message).split()) + '\n')
    sys.stderr.flush()


def result_line(status, name, bytes_, millis, sha256, method, error=None):
    words = 'RESULT status=%s name=%s bytes=%d millis=%d sha256=%s method=%s' % (
        status, token(name), bytes_, millis, sha256 or '-', method)
    if error:
        words += ' error=' + text(error)
    line(words)


def describe(exc):
    """An error as a short text; slixmpp's IqError carries the peer's condition."""
    iq = getattr(exc, 'iq', None)
    if iq is not None and iq['type'] == 'error':
        return '%s:%s:%s' % (type(exc).__name__, iq['error']['condition'], iq['error']['text'] or '')
    return '%s:%s' % (type(exc).__name__, exc)


# ---------------------------------------------------------------- checks

def is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def safe_file_name(offered):
    """The name to store under, or None when the offer must be refused: only plain base names are used."""
    if offered is None or not offered.strip() or offered in ('.', '..'):
        return None
    if any(c in '/\\' or ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in offered):
        return None
    if len(offered.encode('utf-8')) > MAX_NAME_BYTES:
        return None
    return offered


def target_path(into, offered):
    """Where an offered file goes; None for an unsafe name or a link or directory of that name."""
    name = safe_file_name(offered)
    if name is None:
        return None
    path = os.path.join(into, name)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return path
    return path if stat.S_ISREG(mode) else None


def keep_loopback_streamhosts(stanza):
    """Incoming-stanza filter: slixmpp connects to every offered streamhost at once, so any streamhost
    that is not on this machine is dropped before slixmpp sees the request."""
    xml = getattr(stanza, 'xml', None)
    if xml is None or not xml.tag.endswith('}iq'):
        return stanza
    query = xml.find('{%s}query' % SOCKS5)
    if query is not None:
        for host in query.findall('{%s}streamhost' % SOCKS5):
            if not is_loopback(host.get('host', '')):
                query.remove(host)
    return stanza


def chosen_method(form):
    """The stream method named in an SI accept (one value; some clients send a list)."""
    value = form.get_values().get('stream-method')
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value


def sha256_of(path):
    digest = hashlib.sha256()
    total = 0
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(READ_CHUNK), b''):
            digest.update(block)
            total += len(block)
    return total, digest.hexdigest()


# ---------------------------------------------------------------- command line

def parse_args(argv):
    parser = argparse.ArgumentParser(prog='slixmpp-peer', description='slixmpp SI file transfer peer')
    commands = parser.add_subparsers(dest='command', required=True)
    for name in ('send', 'receive'):
        sub = commands.add_parser(name)
        sub.add_argument('--jid', required=True)
        sub.add_argument('--password', required=True)
        sub.add_argument('--host', default='127.0.0.1')
        sub.add_argument('--port', type=int, default=5222)
        sub.add_argument('--resource', default='slixmpp')
        sub.add_argument('--timeout', type=float, default=120)
        sub.add_argument('--verbose', action='store_true')
        if name == 'send':
            sub.add_argument('--to', required=True)
            sub.add_argument('--file', required=True)
            sub.add_argument('--method', choices=sorted(METHODS), default='any')
            sub.add_argument('--ibb-block-size', type=int, default=None)
        else:
            sub.add_argument('--into', required=True)
            sub.add_argument('--count', type=int, default=1)
            sub.add_argument('--ibb-max-block-size', type=int, default=None)
            sub.add_argument('--ibb-pace-acks-above', type=int, default=None)
            sub.add_argument('--ibb-ack-interval-ms', type=int, default=50)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        raise UsageError('bad command line') from exit_
    if not is_loopback(args.host):
        raise UsageError('--host must be a loopback address: ' + args.host)
    if not 0 < args.port < 65536 or args.timeout <= 0:
        raise UsageError('--port or --timeout out of range')
    if '@' not in args.jid or '/' in args.jid:
        raise UsageError('--jid must be a bare JID: ' + args.jid)
    if args.command == 'send':
        if not os.path.isfile(args.file):
            raise UsageError('--file is not a regular file: ' + args.file)
        if args.ibb_block_size is not None and not 0 < args.ibb_block_size <= 65535:
            raise UsageError('--ibb-block-size must be 1..65535')
        if '/' not in args.to:
            raise UsageError('--to must be a full JID (SI goes to one resource): ' + args.to)
    else:
        if not os.path.isdir(args.into):
            raise UsageError('--into is not a directory: ' + args.into)
        if args.count < 1:
            raise UsageError('--count must be at least 1')
        if args.ibb_max_block_size is not None and not 0 < args.ibb_max_block_size <= 65535:
            raise UsageError('--ibb-max-block-size must be 1..65535')
        if args.ibb_pace_acks_above is not None and not 0 <= args.ibb_pace_acks_above <= 65535:
            raise UsageError('--ibb-pace-acks-above must be 0..65535')
        if not 0 < args.ibb_ack_interval_ms <= 10000:
            raise UsageError('--ibb-ack-interval-ms must be 1..10000')
    return args


# ---------------------------------------------------------------- session

def pace_acks(stream, above, interval):
    """Hostile: acknowledges in-band data blocks of more than `above` bytes one per `interval`
    seconds, in the order they came, and smaller ones at once. A sender that times its block sizes
    by their acknowledgements then finds the small size by far the fastest, whatever the server does."""
    loop = asyncio.get_event_loop()
    original = stream._recv_data
    last = [0.0]  # when the latest paced acknowledgement goes out

    def recv_data(stanza):
        if stanza.name == 'iq' and len(stanza['ibb_data']['data']) > above:
            make_reply = stanza.reply

            class Paced:
                def send(self):
                    last[0] = max(loop.time(), last[0]) + interval
                    loop.call_at(last[0], make_reply().send)

            stanza.reply = lambda *args, **kwargs: Paced()
        original(stanza)

    stream._recv_data = recv_data


def make_client(args):
    import slixmpp  # imported late: --help and usage errors work without it

    xmpp = slixmpp.ClientXMPP('%s/%s' % (args.jid, args.resource), args.password)
    for plugin in ('xep_0030', 'xep_0047', 'xep_0065', 'xep_0095', 'xep_0096'):
        xmpp.register_plugin(plugin)
    if getattr(args, 'ibb_max_block_size', None):
        xmpp['xep_0047'].max_block_size = args.ibb_max_block_size
    if getattr(args, 'ibb_block_size', None):
        xmpp['xep_0047'].block_size = args.ibb_block_size
    xmpp.add_filter('in', keep_loopback_streamhosts)
    repair_si_request_handler(xmpp)
    return xmpp


def repair_si_request_handler(xmpp):
    """slixmpp 1.8.3's xep_0095 registers its coroutine _handle_request with a plain Callback: the
    coroutine is created but never awaited, so incoming offers are swallowed without any answer (the
    sender waits until its timeout). Registered again as a CoroutineCallback it runs as written."""
    from slixmpp.xmlstream.handler import CoroutineCallback
    from slixmpp.xmlstream.matcher import StanzaPath

    plugin = xmpp['xep_0095']
    if not asyncio.iscoroutinefunction(plugin._handle_request) or not xmpp.remove_handler('SI Request'):
        return
    xmpp.register_handler(CoroutineCallback('SI Request', StanzaPath('iq@type=set/si'), plugin._handle_request))


async def login(xmpp, args):
    """Connects (plain TCP to --host only) and waits for the session; raises PeerFailure otherwise."""
    loop = asyncio.get_event_loop()
    started = loop.create_future()

    def fail(reason):
        if not started.done():
            started.set_exception(PeerFailure(CONNECTION_FAILED, 'login as %s at %s:%d failed: %s'
                                              % (args.jid, args.host, args.port, reason)))

    xmpp.add_event_handler('session_start', lambda _: started.done() or started.set_result(None))
    xmpp.add_event_handler('failed_all_auth', lambda _: fail('authentication failed'))
    xmpp.add_event_handler('connection_failed', lambda e: fail(e))
    xmpp.connect((args.host, args.port), force_starttls=False, disable_starttls=True)
    try:
        await asyncio.wait_for(started, 30)
    except asyncio.TimeoutError:
        fail('no session within 30 s')
        await started
    xmpp.send_presence()
    line('READY ' + token(str(xmpp.boundjid)))


# ---------------------------------------------------------------- send

async def send(xmpp, args):
    from slixmpp.exceptions import IqError, IqTimeout

    name = os.path.basename(args.file)
    size = os.path.getsize(args.file)
    sid = uuid.uuid4().hex
    start = time.monotonic()
    method = '?'
    sent = 0

    def millis():
        return int((time.monotonic() - start) * 1000)

    try:
        # slixmpp 1.8.3's xep_0095.offer() hands its method names to a form field that wants option
        # dicts ({'label', 'value'}) and fails with a TypeError for the names it has itself, so the
        # options are passed in the shape the form expects
        options = [{'value': m} for m in METHODS[args.method]]
        accept = await xmpp['xep_0096'].request_file_transfer(
            args.to, sid=sid, name=name, size=size, methods=options, timeout=args.timeout)
        chosen = chosen_method(accept['si']['feature_neg']['form'])
        method = METHOD_NAMES.get(chosen, '?')
        if chosen == IBB:
            stream = await xmpp['xep_0047'].open_stream(args.to, sid=sid, timeout=args.timeout)
            with open(args.file, 'rb') as f:
                for block in iter(lambda: f.read(stream.block_size), b''):
                    sent += await stream.send(block, timeout=args.timeout)
            await stream.close(timeout=args.timeout)
        elif chosen == SOCKS5:
            sock = await xmpp['xep_0065'].handshake(args.to, sid=sid, timeout=args.timeout)
            if sock is None:
                raise PeerFailure(TRANSFER_FAILED, 'SOCKS5 handshake failed (no usable proxy)')
            closed = asyncio.get_event_loop().create_future()
            sock.event = lambda name_, data: (name_ == 'socks5_closed' and not closed.done()
                                              and closed.set_result(data))
            with open(args.file, 'rb') as f:
                for block in iter(lambda: f.read(READ_CHUNK), b''):
                    await sock.write(block)
                    sent += len(block)
            # close() flushes what the transport still buffers before it closes the socket
            sock.transport.close()
            await closed
        else:
            raise PeerFailure(TRANSFER_FAILED, 'the receiver chose no known stream method: %r' % (chosen,))
    except (IqError, IqTimeout, OSError, PeerFailure) as e:
        error = str(e) if isinstance(e, PeerFailure) else describe(e)
        result_line('error', name, sent, millis(), None, method, error)
        return TRANSFER_FAILED
    _, digest = sha256_of(args.file)
    result_line('complete', name, sent, millis(), digest, method)
    return OK


# ---------------------------------------------------------------- receive

class Receiver:
    """Accepts offers into one directory: an OFFER line when one arrives, a RESULT line when it ends.
    Finished after --count transfers completed, or at the first failure."""

    def __init__(self, xmpp, args):
        self.xmpp = xmpp
        self.args = args
        self.claimed = 0
        self.completed = 0
        self.failed = False
        self.finished = asyncio.get_event_loop().create_future()
        self.ibb_streams = {}
        # offers accepted whose stream has not brought a byte yet, by (sender, name): a sender that
        # could not open the stream offers the same file again, and that offer takes the old one's place
        self.waiting = {}
        xmpp.add_event_handler('si_request', self.on_offer)
        xmpp.add_event_handler('ibb_stream_data', self.on_ibb_data)
        xmpp.add_event_handler('ibb_stream_end', self.on_ibb_end)

    async def on_offer(self, iq):
        start = time.monotonic()
        sender, sid = iq['from'], iq['si']['id']
        offered = iq['si']['file']['name'] or ''
        try:
            size = int(iq['si']['file']['size'])
        except (TypeError, ValueError):
            size = -1
        line('OFFER from=%s name=%s size=%d' % (token(str(sender)), token(offered), size))
        pending = await self.xmpp['xep_0095'].api['get_pending'](iq['to'], sid, sender)
        method = METHOD_NAMES.get((pending or {}).get('method'), '?')
        earlier = self.waiting.pop((str(sender), offered), None)
        if earlier is not None and earlier.received == 0:
            earlier.close()
        else:
            self.claimed += 1
        if self.claimed > self.args.count:
            problem('refused an offer of %r beyond --count %d' % (offered, self.args.count))
            await self.xmpp['xep_0095'].decline(sender, sid, ifrom=iq['to'])
            return
        path = target_path(self.args.into, offered)
        if path is None or size < 0:
            await self.xmpp['xep_0095'].decline(sender, sid, ifrom=iq['to'])
            self.end(Transfer(offered, size, None, start, method), 'refused', 'unsafe file name or bad size')
            return
        transfer = Transfer(offered, size, open(path, 'wb'), start, method)
        transfer.path = path
        self.waiting[(str(sender), offered)] = transfer

        def on_stream(stream):
            if method == 'socks5':
                # slixmpp reports SOCKS5 data as one global event without the session: route this
                # connection's events to this transfer instead
                stream.event = lambda name, data: self.on_socks5_event(transfer, stream, name, data)
            else:
                self.ibb_streams[stream] = transfer
                if self.args.ibb_pace_acks_above is not None:
                    pace_acks(stream, self.args.ibb_pace_acks_above, self.args.ibb_ack_interval_ms / 1000)

        await self.xmpp['xep_0095'].accept(sender, sid, ifrom=iq['to'], stream_handler=on_stream)

    def on_ibb_data(self, stream):
        transfer = self.ibb_streams.get(stream)
        if transfer is not None and not transfer.done:
            while not stream.recv_queue.empty():
                transfer.write(stream.recv_queue.get_nowait())
            if transfer.received > transfer.size:
                self.end(transfer, 'error', 'more data than offered')
                stream.close()

    def on_ibb_end(self, stream):
        transfer = self.ibb_streams.pop(stream, None)
        if transfer is not None and not transfer.done:
            self.finish(transfer)

    def on_socks5_event(self, transfer, stream, name, data):
        if transfer.done:
            return
        if name == 'socks5_data':
            transfer.write(data)
            if transfer.received >= transfer.size:
                self.finish(transfer)
                stream.transport.close()
        elif name == 'socks5_closed':
            self.finish(transfer)

    def finish(self, transfer):
        """Ends a transfer by what is on disk: complete only with exactly the offered size."""
        transfer.close()
        bytes_, digest = sha256_of(transfer.path)
        if bytes_ != transfer.size:
            self.end(transfer, 'error', 'received %d of %d bytes' % (bytes_, transfer.size), bytes_)
        else:
            self.end(transfer, 'complete', None, bytes_, digest)

    def end(self, transfer, status, error, bytes_=0, digest=None):
        transfer.close()
        result_line(status, transfer.name, bytes_, transfer.millis(), digest, transfer.method, error)
        if status == 'complete':
            self.completed += 1
            if self.completed >= self.args.count and not self.finished.done():
                self.finished.set_result(None)
        else:
            self.failed = True
            if not self.finished.done():
                self.finished.set_result(None)


class Transfer:

    def __init__(self, name, size, file, start, method):
        self.name = name
        self.size = size
        self.file = file
        self.start = start
        self.method = method
        self.received = 0
        self.done = False
        self.path = None

    def write(self, data):
        self.file.write(data)
        self.received += len(data)

    def close(self):
        self.done = True
        if self.file is not None and not self.file.closed:
            self.file.close()

    def millis(self):
        return int((time.monotonic() - self.start) * 1000)


# ---------------------------------------------------------------- main

async def run(args):
    xmpp = make_client(args)
    deadline = time.monotonic() + args.timeout
    try:
        await login(xmpp, args)
        left = deadline - time.monotonic()
        if args.command == 'send':
            try:
                return await asyncio.wait_for(send(xmpp, args), left)
            except asyncio.TimeoutError:
                problem('timeout after %g s' % args.timeout)
                return TIMED_OUT
        receiver = Receiver(xmpp, args)
        try:
            await asyncio.wait_for(asyncio.shield(receiver.finished), left)
        except asyncio.TimeoutError:
            problem('timeout after %g s: %d of %d transfers complete'
                    % (args.timeout, receiver.completed, args.count))
            return TIMED_OUT
        return TRANSFER_FAILED if receiver.failed else OK
    finally:
        try:
            await asyncio.wait_for(xmpp.disconnect(wait=1.0), 5)
        except Exception:  # the result is already decided; a slow goodbye changes nothing
            pass


def main(argv):
    try:
        args = parse_args(argv)
    except UsageError as e:
        problem(e)
        return BAD_COMMAND_LINE
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL,
                        format='%(levelname)s %(name)s %(message)s', stream=sys.stderr)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(run(args))
    except PeerFailure as e:
        problem(e)
        return e.code
    finally:
        # slixmpp leaves its own tasks (filters, keepalive) running: end them before the loop closes
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.close()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
