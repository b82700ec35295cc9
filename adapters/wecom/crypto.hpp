#pragma once
/// The WeCom callback cipher (WXBizMsgCrypt): message signatures and AES-256-CBC with a 32-byte
/// PKCS#7 pad. Errors name the step that failed and never carry the token, the key or a plaintext.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace adapters::wecom {

/// Longest `encrypted` text decrypt() looks at; longer ones are refused before decoding.
inline constexpr std::size_t max_encrypted_size = 1024 * 1024;

/// Signs, verifies, decrypts and encrypts one callback route's messages.
class callback_cipher {
public:
    /// nullopt with `error` set (never containing the token or key) when token or key is malformed.
    static std::optional<callback_cipher> make(std::string token, std::string_view encoding_aes_key,
                                               std::string receive_id, std::string* error = nullptr);

    /// Lowercase hex SHA-1 of the sorted concatenation of token, timestamp, nonce and encrypted.
    std::string signature(std::string_view timestamp, std::string_view nonce, std::string_view encrypted) const;

    /// Whether a received msg_signature (hex, either case) is ours; compared in constant time.
    bool verify(std::string_view msg_signature, std::string_view timestamp, std::string_view nonce,
                std::string_view encrypted) const;

    /// base64 → AES-256-CBC → PKCS#7(32) → random(16)|len(4, big endian)|msg|receive_id, and the
    /// receive id must be ours (an empty one, the intelligent bot's, matches an empty trailer).
    /// nullopt with `error` naming the step that failed.
    std::optional<std::string> decrypt(std::string_view encrypted, std::string* error = nullptr) const;

    /// Encrypts `plain` behind 16 random bytes (RAND_bytes); empty only if OpenSSL fails.
    std::string encrypt(std::string_view plain) const;

    /// Encrypts with the given bytes in front (tests, the documented vectors); bytes past 16 are
    /// ignored, missing ones are zeros.
    std::string encrypt_with(std::string_view plain, std::string_view random16) const;

    /// The receiver this cipher expects and writes: the corp ID, or empty for the intelligent bot.
    std::string const& receive_id() const { return receive_id_; }

private:
    callback_cipher(std::string token, std::array<unsigned char, 32> const& key, std::string receive_id);

    std::array<unsigned char, 32> key_{};
    std::array<unsigned char, 16> iv_{};  ///< the key's first 16 bytes, as the scheme defines
    std::string token_;
    std::string receive_id_;
};

/// Standard base64 with '=' padding, for the cipher and for tests.
std::string base64_encode(std::string_view bytes);
/// Strict standard base64: whole groups of four, '=' only at the end, no whitespace; else nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace adapters::wecom
