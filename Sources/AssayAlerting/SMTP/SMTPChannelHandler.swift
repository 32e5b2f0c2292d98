import Foundation
import Logging
import NIOCore
import NIOSSL

/// Feeds what happens on the channel into the ``SMTPDialogue`` and does what it answers: writes lines and the
/// message, puts TLS in front for STARTTLS, completes the promise once, closes the channel. Runs on the channel's
/// event loop only.
final class SMTPChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var dialogue: SMTPDialogue
    private let promise: EventLoopPromise<SMTPReceipt>
    /// The TLS context and server name for STARTTLS.
    private let startTLS: (context: NIOSSLContext, serverName: String?)?
    private let deadline: NIODeadline
    private let timeout: Duration
    private let logger: Logger
    private var timer: Scheduled<Void>?

    init(dialogue: SMTPDialogue, promise: EventLoopPromise<SMTPReceipt>, startTLS: (NIOSSLContext, String?)?, deadline: NIODeadline,
         timeout: Duration, logger: Logger) {
        self.dialogue = dialogue
        self.promise = promise
        self.startTLS = startTLS
        self.deadline = deadline
        self.timeout = timeout
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            perform(dialogue.errorCaught(.timeout, "no answer within \(SMTPClient.seconds(timeout))"), context: context)
        }
        perform(dialogue.connected(), context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = String(buffer: unwrapInboundIn(data))
        logger.trace("S: \(line.prefix(3)) …")  // the code only: a reply to AUTH may echo what was sent
        perform(dialogue.received(line: line), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(dialogue.closed(), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let (code, message) = Self.classify(error)
        perform(dialogue.errorCaught(code, message), context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        // Never leave the caller waiting, whatever tore the pipeline down.
        perform(dialogue.closed(), context: context)
    }

    private func perform(_ action: SMTPDialogue.Action, context: ChannelHandlerContext) {
        switch action {
        case .wait:
            break
        case .send(let line):
            logger.trace("C: \(line)")
            write(Array((line + "\r\n").utf8), context: context)
        case .sendCredentials(let line):
            logger.trace("C: <credentials>")
            write(Array((line + "\r\n").utf8), context: context)
        case .sendData(let bytes):
            logger.trace("C: <message, \(bytes.count) bytes>")
            write(bytes, context: context)
        case .startTLS:
            guard let startTLS else {
                perform(dialogue.errorCaught(.tlsFailed, "TLS is not configured"), context: context)
                return
            }
            do {
                let handler = try NIOSSLClientHandler(context: startTLS.context, serverHostname: startTLS.serverName)
                try context.pipeline.syncOperations.addHandler(handler, position: .first)
            } catch {
                perform(dialogue.errorCaught(.tlsFailed, "TLS cannot start: \(error)"), context: context)
                return
            }
            // Lines still in this read came in plain text after the 220: the dialogue refuses them until the next
            // tick. From then on everything goes through TLS (writes wait for the handshake; a failed one is an error).
            context.eventLoop.assumeIsolated().execute { [self] in
                perform(dialogue.tlsEstablished(), context: context)
            }
        case .succeeded(let receipt):
            timer?.cancel()
            promise.succeed(receipt)
            context.close(promise: nil)
        case .failed(let error):
            timer?.cancel()
            logger.debug("SMTP failed", metadata: ["reason": "\(error)"])
            promise.fail(error)
            context.close(promise: nil)
        }
    }

    private func write(_ bytes: [UInt8], context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// An error on the channel in the dialogue's terms; the words never carry data that was sent.
    static func classify(_ error: any Error) -> (SMTPError.Code, String) {
        switch error {
        case let error as NIOSSLError: return (.tlsFailed, "TLS failed: \(String(describing: error).prefix(300))")
        case let error as BoringSSLError: return (.tlsFailed, "TLS failed: \(String(describing: error).prefix(300))")
        case let error as NIOSSLExtraError: return (.tlsFailed, "TLS failed: \(String(describing: error).prefix(300))")
        case let error as IOError: return (.connectionClosed, "the connection failed: \(error.description.prefix(200))")
        default: return (.connectionClosed, "the connection failed (\(type(of: error)))")
        }
    }
}
