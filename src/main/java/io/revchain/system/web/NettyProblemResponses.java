package io.revchain.system.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty refuses requests it cannot decode (a URL over 4 KB: 414, headers over 8 KB: 431, a malformed request
 * line: 400) before Spring sees them, with an empty body. A handler next to the HTTP codec gives those answers a
 * problem+json body like every other refusal.
 */
@Component
class NettyProblemResponses implements NettyServerCustomizer {

    private static final String HANDLER = "revchain.problemResponses";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, DecoderFailures.INSTANCE);
            }
        });
    }

    /**
     * Fills the empty, connection-closing error answers the server writes for decoder failures; every other message
     * passes as is (an empty 401 of an authentication filter, say, keeps its own shape).
     */
    @ChannelHandler.Sharable
    static final class DecoderFailures extends ChannelOutboundHandlerAdapter {

        static final DecoderFailures INSTANCE = new DecoderFailures();

        /** What the server answers when it cannot decode a request; it closes the connection with each. */
        private static final Set<Integer> DECODER_STATUSES = Set.of(400, 413, 414, 431);

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response && DECODER_STATUSES.contains(response.status().code())
                    && !response.content().isReadable()
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
                FullHttpResponse filled = withProblem(response);
                response.release();
                super.write(ctx, filled, promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        private static FullHttpResponse withProblem(FullHttpResponse empty) {
            int code = empty.status().code();
            HttpStatus status = HttpStatus.resolve(code);
            String title = status == null ? empty.status().reasonPhrase() : status.getReasonPhrase();
            String detail = switch (code) {
                case 414 -> "The URL is longer than the server accepts (4 KB); send fewer or shorter query parameters";
                case 431 -> "The request headers are larger than the server accepts (8 KB)";
                case 413 -> "The request is larger than the server accepts";
                default -> "The request could not be read as HTTP";
            };
            String json = "{\"type\":\"https://revchain.io/problems/" + code + "\",\"title\":\"" + title
                    + "\",\"status\":" + code + ",\"detail\":\"" + detail + "\"}";
            ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
            FullHttpResponse filled = new DefaultFullHttpResponse(empty.protocolVersion(), empty.status(), body);
            filled.headers().set(empty.headers());
            filled.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            filled.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return filled;
        }
    }
}
