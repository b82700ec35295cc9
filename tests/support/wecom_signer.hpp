#pragma once
/// WeCom's side of the callback crypto (WXBizMsgCrypt), written from the documented algorithm and
/// independent of the adapter's cipher, so each checks the other.

#include <string>

namespace testing {

/// Encrypts and signs callbacks as WeCom does, and decrypts the bot's passive replies.
class wecom_signer {
public:
    /// `receive_id` is the corp id for app callbacks and "" for intelligent-bot callbacks.
    wecom_signer(std::string token, std::string encoding_aes_key, std::string receive_id);

    /// base64(AES-256-CBC(random16 | be32 length | plain | receive_id, PKCS#7 to 32)); a random
    /// 16-character prefix when `random16` is empty.
    std::string encrypt(std::string const& plain, std::string const& random16 = "") const;
    /// The message inside `encrypted`; throws std::runtime_error on bad base64, padding, length
    /// or a receive id other than this signer's.
    std::string decrypt(std::string const& encrypted) const;
    /// msg_signature: sha1 hex of the sorted concatenation of token, timestamp, nonce, encrypted.
    std::string signature(std::string const& timestamp, std::string const& nonce, std::string const& encrypted) const;

    std::string const& token() const { return token_; }
    std::string const& receive_id() const { return receive_id_; }
    std::string const& encoding_aes_key() const { return encoding_aes_key_; }

private:
    std::string token_;
    std::string encoding_aes_key_;
    std::string key_;  ///< the 32 raw AES key bytes
    std::string receive_id_;
};

/// Standard base64 (with padding), as WeCom's ciphertexts are written.
std::string wecom_base64_encode(std::string const& bytes);
/// Throws std::runtime_error on characters outside the alphabet or a bad length.
std::string wecom_base64_decode(std::string const& text);

}  // namespace testing
