#include "tests/support/wecom_signer.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace testing {

namespace {

constexpr std::size_t block = 32;  // WeCom pads to 32 bytes, not to the AES block of 16

unsigned char const* bytes_of(std::string const& s) { return reinterpret_cast<unsigned char const*>(s.data()); }

using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string aes_cbc(std::string const& key, std::string const& input, bool encrypting) {
    cipher_ctx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    auto const* k = bytes_of(key);
    if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, k, k, encrypting ? 1 : 0) != 1)
        throw std::runtime_error("wecom_signer: cipher init failed");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    std::string out(input.size() + 32, '\0');
    int n = 0;
    int tail = 0;
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_CipherUpdate(ctx.get(), o, &n, bytes_of(input), static_cast<int>(input.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), o + n, &tail) != 1)
        throw std::runtime_error("wecom_signer: AES failed (ciphertext not a whole number of blocks?)");
    out.resize(static_cast<std::size_t>(n + tail));
    return out;
}

std::string random_letters(std::size_t n) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::vector<unsigned char> raw(n);
    if (RAND_bytes(raw.data(), static_cast<int>(n)) != 1) throw std::runtime_error("wecom_signer: RAND_bytes failed");
    std::string out;
    for (auto b : raw) out += alphabet[b % (sizeof alphabet - 1)];
    return out;
}

}  // namespace

std::string wecom_base64_encode(std::string const& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string wecom_base64_decode(std::string const& text) {
    if (text.empty() || text.size() % 4 != 0) throw std::runtime_error("wecom_signer: base64 length is not a multiple of 4");
    std::string out(text.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(text), static_cast<int>(text.size()));
    if (n < 0) throw std::runtime_error("wecom_signer: not base64");
    // EVP_DecodeBlock counts the bytes the '=' padding stands for; drop them.
    auto pad = static_cast<std::size_t>(std::count(text.end() - 2, text.end(), '='));
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

wecom_signer::wecom_signer(std::string token, std::string encoding_aes_key, std::string receive_id)
    : token_(std::move(token)),
      encoding_aes_key_(std::move(encoding_aes_key)),
      key_(wecom_base64_decode(encoding_aes_key_ + "=")),
      receive_id_(std::move(receive_id)) {
    if (key_.size() != 32) throw std::invalid_argument("wecom_signer: EncodingAESKey must be 43 base64 characters");
}

std::string wecom_signer::encrypt(std::string const& plain, std::string const& random16) const {
    std::string prefix = random16.empty() ? random_letters(16) : random16;
    if (prefix.size() != 16) throw std::invalid_argument("wecom_signer: the random prefix must be 16 bytes");
    auto length = static_cast<std::uint32_t>(plain.size());
    std::string buffer = prefix;
    for (int shift = 24; shift >= 0; shift -= 8) buffer += static_cast<char>((length >> shift) & 0xff);
    buffer += plain;
    buffer += receive_id_;
    auto pad = block - buffer.size() % block;  // 1..32: a full block of padding when already aligned
    buffer.append(pad, static_cast<char>(pad));
    return wecom_base64_encode(aes_cbc(key_, buffer, true));
}

std::string wecom_signer::decrypt(std::string const& encrypted) const {
    auto buffer = aes_cbc(key_, wecom_base64_decode(encrypted), false);
    if (buffer.empty()) throw std::runtime_error("wecom_signer: empty ciphertext");
    auto pad = static_cast<unsigned char>(buffer.back());
    if (pad < 1 || pad > block || pad > buffer.size()) throw std::runtime_error("wecom_signer: bad padding");
    buffer.resize(buffer.size() - pad);
    if (buffer.size() < 20) throw std::runtime_error("wecom_signer: plaintext too short");
    std::uint32_t length = 0;
    for (std::size_t i = 16; i < 20; ++i) length = (length << 8) | static_cast<unsigned char>(buffer[i]);
    if (length > buffer.size() - 20) throw std::runtime_error("wecom_signer: message length beyond the plaintext");
    auto message = buffer.substr(20, length);
    auto id = buffer.substr(20 + length);
    if (id != receive_id_) throw std::runtime_error("wecom_signer: receive id is '" + id + "', expected '" + receive_id_ + "'");
    return message;
}

std::string wecom_signer::signature(std::string const& timestamp, std::string const& nonce,
                                    std::string const& encrypted) const {
    std::array<std::string, 4> parts{token_, timestamp, nonce, encrypted};
    std::sort(parts.begin(), parts.end());
    std::string joined;
    for (auto const& p : parts) joined += p;
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int n = 0;
    if (EVP_Digest(joined.data(), joined.size(), digest.data(), &n, EVP_sha1(), nullptr) != 1)
        throw std::runtime_error("wecom_signer: sha1 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

}  // namespace testing
