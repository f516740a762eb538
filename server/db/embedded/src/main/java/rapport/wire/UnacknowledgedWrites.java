package rapport.wire;

import java.nio.ByteOrder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Unacknowledged writes ({@code w: 0}): the driver sets OP_MSG's moreToCome flag and expects no
 * reply. The stock protocol decoder refuses any such flag, so the {@link Frames} decoder clears it
 * before that decoder sees the message and remembers the request; the {@link Replies} filter then
 * drops the reply to it. The command itself runs like any other, durably committed in order.
 */
public final class UnacknowledgedWrites {

    private static final int OP_MSG = 2013;
    private static final int MORE_TO_COME = 1 << 1;
    private static final int REQUEST_ID_OFFSET = 4;
    private static final int OP_CODE_OFFSET = 12;
    private static final int FLAGS_OFFSET = 16;

    /** Requests on this connection whose reply must not be sent. */
    private final Set<Integer> unanswered = ConcurrentHashMap.newKeySet();

    public Frames frames() {
        return new Frames();
    }

    public Replies replies() {
        return new Replies();
    }

    /** Splits the byte stream into messages (the stock decoder accepts one whole message at a time). */
    public final class Frames extends LengthFieldBasedFrameDecoder {

        Frames() {
            // The length field counts itself; the stock decoder enforces the size limit.
            super(ByteOrder.LITTLE_ENDIAN, Integer.MAX_VALUE, 0, 4, -4, 0, true);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            ByteBuf frame = (ByteBuf) super.decode(ctx, in);
            if (frame != null && frame.readableBytes() >= FLAGS_OFFSET + 4
                && frame.getIntLE(frame.readerIndex() + OP_CODE_OFFSET) == OP_MSG) {
                int flagsIndex = frame.readerIndex() + FLAGS_OFFSET;
                int flags = frame.getIntLE(flagsIndex);
                if ((flags & MORE_TO_COME) != 0) {
                    unanswered.add(frame.getIntLE(frame.readerIndex() + REQUEST_ID_OFFSET));
                    frame.setIntLE(flagsIndex, flags & ~MORE_TO_COME);
                }
            }
            return frame;
        }
    }

    /** Drops the replies to unacknowledged requests. */
    public final class Replies extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof MongoMessage
                && unanswered.remove(((MongoMessage) message).getHeader().getResponseTo())) {
                promise.setSuccess();
                return;
            }
            super.write(ctx, message, promise);
        }
    }
}
