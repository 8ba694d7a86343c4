import HummingbirdTLS
import NIOSSL

/// The certificate chain and private key that `docket serve` presents when it serves HTTPS.
public struct ServerTLS: Sendable {
    let configuration: TLSConfiguration

    public enum LoadError: Error, Equatable {
        case noCertificate
        case unusableKey
        case keyDoesNotMatchCertificate
    }

    /// The server's certificate (then any intermediates) and its unencrypted private key, both PEM.
    /// Throws before anything listens, so that a bad pair is refused at start rather than at the
    /// first handshake.
    public init(certificateChainPEM: [UInt8], privateKeyPEM: [UInt8]) throws(LoadError) {
        guard let chain = try? NIOSSLCertificate.fromPEMBytes(certificateChainPEM), !chain.isEmpty else {
            throw .noCertificate
        }
        guard let key = try? NIOSSLPrivateKey(bytes: privateKeyPEM, format: .pem) else { throw .unusableKey }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // Loading the pair into a context is where BoringSSL checks that the key is the certificate's.
        guard (try? NIOSSLContext(configuration: configuration)) != nil else { throw .keyDoesNotMatchCertificate }
        self.configuration = configuration
    }
}
