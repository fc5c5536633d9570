package org.sttbench.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line and headers do not all arrive within a deadline, counted from
 * the connection's opening for its first request and from the first byte of each later request on a
 * keep-alive connection. The idle timeout alone cannot do this: a client that sends one header byte every
 * few seconds is never idle, and each such connection holds a socket and a buffer for as long as it
 * likes (the "slowloris" pattern; Go's {@code ReadHeaderTimeout} and nginx's
 * {@code client_header_timeout} are the same guard).
 *
 * <p>Vert.x 4.5 has no such option, so two small Netty handlers go into each HTTP/1.x connection's
 * pipeline: one at the head sees raw bytes arrive (a request has begun), one just before Vert.x's own
 * handler sees the decoded request (its headers are complete) and the end of each response. A keep-alive
 * connection waiting for its next request is not timed here; the idle timeout bounds it.
 */
final class HeaderReadTimeout {
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final long timeoutNanos;
    private final Runnable onTimeout;

    /**
     * @param timeout   how long the request line and headers may take
     * @param onTimeout called on the event loop for every connection closed by the deadline
     */
    HeaderReadTimeout(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    /**
     * Guards one connection, on its event loop (where Vert.x calls its connection handler); returns false
     * (and changes nothing) for a pipeline that is not plain HTTP/1.x, which has no decoder of that name.
     */
    boolean install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get("httpDecoder") == null || pipeline.get("handler") == null) {
            return false;
        }
        Deadline deadline = new Deadline();
        pipeline.addFirst("sttbenchHeaderStart", deadline.requestStart());
        pipeline.addBefore("handler", "sttbenchHeaderEnd", deadline.requestProgress());
        // the first request is timed from the connection's opening: a client that connects and sends
        // nothing at all holds a socket just the same
        deadline.arm(pipeline.context("sttbenchHeaderStart"));
        return true;
    }

    /** Per-connection state; touched only on the connection's event loop. */
    private final class Deadline {
        private ScheduledFuture<?> timer;
        /** Between requests: the next byte that arrives starts a request's headers. */
        private boolean betweenRequests = true;
        /** Requests whose headers arrived and whose response has not ended (more than one if pipelined). */
        private int open;

        /** Starts the clock when a request's first bytes come (or the connection opens); once per request. */
        void arm(ChannelHandlerContext head) {
            if (!betweenRequests || timer != null || !head.channel().isActive()) {
                return;
            }
            betweenRequests = false;
            timer = head.executor().schedule(() -> expire(head), timeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void expire(ChannelHandlerContext head) {
            timer = null;
            onTimeout.run();
            if (open == 0) {
                // nothing of ours is being written on it, so a status line cannot be interleaved
                head.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
            } else {
                head.close();
            }
        }

        /** At the head of the pipeline: the first bytes after a complete request start the next one's clock. */
        ChannelInboundHandlerAdapter requestStart() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                        arm(ctx);
                    }
                    ctx.fireChannelRead(msg);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    cancel();
                    ctx.fireChannelInactive();
                }
            };
        }

        /** Just before Vert.x's handler: decoded requests stop the clock, and responses are counted out. */
        ChannelDuplexHandler requestProgress() {
            return new ChannelDuplexHandler() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof HttpRequest) {
                        cancel();
                        betweenRequests = false;
                        open++;
                    }
                    if (msg instanceof LastHttpContent) {
                        betweenRequests = true;
                    }
                    ctx.fireChannelRead(msg);
                }

                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    if (msg instanceof LastHttpContent) {
                        open = Math.max(0, open - 1);
                    }
                    ctx.write(msg, promise);
                }
            };
        }
    }
}
