package org.sttbench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The load generator's HTTP/1.1 client on Netty. Every request (request line, headers and multipart body)
 * is encoded once per endpoint and clip into one direct buffer; sending is writing a view of it on a
 * pooled keep-alive connection, so the per-request work is a buffer duplicate and a socket write. The
 * response is parsed incrementally and its end time stamped on the event loop as the last byte arrives;
 * a caller that sends its next request from the completion runs on that same thread, without a hand-off.
 */
final class NettyTransport implements HttpTransport {
    private static final int MAX_BODY_SCAN = 64 * 1024;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final long timeoutNanos;

    /** One target: where it is, its idle connections, and the request bytes for each clip. */
    private static final class Endpoint {
        final String host;
        final int port;
        final SslContext ssl;
        final ConcurrentLinkedQueue<Channel> idle = new ConcurrentLinkedQueue<>();
        final ByteBuf[] requests;

        Endpoint(String host, int port, SslContext ssl, int clips) {
            this.host = host;
            this.port = port;
            this.ssl = ssl;
            this.requests = new ByteBuf[clips];
        }
    }

    NettyTransport(List<URI> uris, PreparedWorkload workload, Map<String, String> headers, Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        // one event loop per core, at most 4: a core can drive tens of thousands of requests per second
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        DefaultThreadFactory tf = new DefaultThreadFactory("sttbench-load", true);
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(threads, tf) : new NioEventLoopGroup(threads, tf);
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        for (URI uri : uris) {
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
            Endpoint e = new Endpoint(uri.getHost(), port, https ? sslContext() : null, workload.clips().size());
            for (PreparedWorkload.Clip clip : workload.clips()) {
                e.requests[clip.index()] = encode(uri, port, https, clip.payload(), headers);
            }
            endpoints.add(e);
        }
    }

    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The whole request as bytes on the wire, in a direct buffer that is never released until close. */
    private static ByteBuf encode(URI uri, int port, boolean https, AudioPayload payload, Map<String, String> headers) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("User-Agent: sttbench\r\n")
                .append("Accept: */*\r\n")
                .append("Content-Type: ").append(payload.contentType()).append("\r\n")
                .append("Content-Length: ").append(payload.body().length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.directBuffer(h.length + payload.body().length);
        buf.writeBytes(h).writeBytes(payload.body());
        return Unpooled.unreleasableBuffer(buf);
    }

    @Override
    public CompletableFuture<RequestOutcome> send(int endpointIndex, PreparedWorkload.Clip clip) {
        CompletableFuture<RequestOutcome> result = new CompletableFuture<>();
        Endpoint e = endpoints.get(endpointIndex);
        Channel ch;
        while ((ch = e.idle.poll()) != null && !ch.isActive()) {
            // dropped by the server while idle: try the next one
        }
        if (ch != null) {
            write(ch, e, clip.index(), result);
            return result;
        }
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                if (e.ssl != null) {
                    SslHandler tls = e.ssl.newHandler(c.alloc(), e.host, e.port);
                    // check the certificate is for this host, as any HTTPS client must
                    SSLParameters p = tls.engine().getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.engine().setSSLParameters(p);
                    c.pipeline().addLast(tls);
                }
                c.pipeline().addLast(new HttpResponseDecoder(), new ResponseHandler(e));
            }
        }).connect(e.host, e.port).addListener(cf -> {
            if (cf.isSuccess()) {
                write(((ChannelFuture) cf).channel(), e, clip.index(), result);
            } else {
                result.complete(RequestOutcome.ofFailure(System.nanoTime(), cf.cause()));
            }
        });
        return result;
    }

    private void write(Channel ch, Endpoint e, int clip, CompletableFuture<RequestOutcome> result) {
        ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
        handler.start(result, timeoutNanos);
        ch.writeAndFlush(e.requests[clip].duplicate()).addListener(wf -> {
            if (!wf.isSuccess()) {
                handler.fail(wf.cause());
            }
        });
    }

    /** Reads one response at a time on its connection and completes the request waiting for it. */
    private static final class ResponseHandler extends ChannelInboundHandlerAdapter {
        private final Endpoint endpoint;
        private volatile CompletableFuture<RequestOutcome> pending;
        private ScheduledFuture<?> timeout;
        private int status;
        private boolean keepAlive;
        private boolean scanBody;
        private ByteArrayOutputStream body;
        private Channel channel;

        ResponseHandler(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void start(CompletableFuture<RequestOutcome> result, long timeoutNanos) {
            pending = result;
            timeout = channel.eventLoop().schedule(() -> fail(new HttpTimeoutException("request timed out")),
                    timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse r) {
                    status = r.status().code();
                    keepAlive = HttpUtil.isKeepAlive(r) && r.decoderResult().isSuccess();
                    long length = HttpUtil.getContentLength(r, -1L);
                    // only small JSON bodies can carry the duration a verbose_json answer reports
                    scanBody = length <= MAX_BODY_SCAN;
                    body = null;
                }
                if (msg instanceof HttpContent c) {
                    if (scanBody && c.content().isReadable()) {
                        if (body == null) {
                            body = new ByteArrayOutputStream(Math.min(MAX_BODY_SCAN, 1024));
                        }
                        if (body.size() + c.content().readableBytes() <= MAX_BODY_SCAN) {
                            c.content().getBytes(c.content().readerIndex(), body, c.content().readableBytes());
                        } else {
                            scanBody = false;
                        }
                    }
                    if (c instanceof LastHttpContent) {
                        finish();
                    }
                }
            } catch (IOException e) {
                fail(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void finish() {
            long end = System.nanoTime();
            CompletableFuture<RequestOutcome> f = pending;
            pending = null;
            if (timeout != null) {
                timeout.cancel(false);
            }
            Double duration = body == null ? null
                    : TranscriptionClient.durationOf(body.toString(StandardCharsets.ISO_8859_1));
            body = null;
            // back in the pool before the caller hears of it, so a request it sends next reuses this connection
            if (keepAlive && channel.isActive()) {
                endpoint.idle.offer(channel);
            } else {
                channel.close();
            }
            if (f != null) {
                f.complete(RequestOutcome.ofStatus(end, status, duration));
            }
        }

        void fail(Throwable cause) {
            CompletableFuture<RequestOutcome> f = pending;
            pending = null;
            if (timeout != null) {
                timeout.cancel(false);
            }
            channel.close();
            if (f != null) {
                f.complete(RequestOutcome.ofFailure(System.nanoTime(), cause));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            endpoint.idle.remove(ctx.channel());
            if (pending != null) {
                fail(new IOException("connection closed before the response was complete"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            e.idle.forEach(Channel::close);
        }
        // the request buffers are freed once no event loop can still be writing them
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(f -> {
            for (Endpoint e : endpoints) {
                for (ByteBuf b : e.requests) {
                    if (b != null) {
                        b.unwrap().release();
                    }
                }
            }
        });
    }
}
