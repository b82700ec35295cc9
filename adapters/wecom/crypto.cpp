#include "adapters/wecom/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "adapters/wecom/settings.hpp"

namespace adapters::wecom {

namespace {

constexpr std::size_t pad_block = 32;    // the scheme pads to 32 bytes, not AES's 16
constexpr std::size_t header_size = 20;  // random(16) | msg_len(4)

unsigned char const* bytes_of(std::string_view s) {
    return reinterpret_cast<unsigned char const*>(s.data());
}

std::nullopt_t fail(std::string* error, char const* what) {
    if (error) *error = what;
    return std::nullopt;
}

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

struct cipher_ctx_free {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;

// One AES-256-CBC pass without OpenSSL's padding; the input is a whole number of blocks.
std::optional<std::string> aes_cbc(bool encrypting, std::array<unsigned char, 32> const& key,
                                   std::array<unsigned char, 16> const& iv, std::string_view in) {
    cipher_ctx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || in.size() > INT_MAX) return std::nullopt;
    if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.data(), iv.data(), encrypting ? 1 : 0) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1)
        return std::nullopt;
    std::string out(in.size() + 16, '\0');
    int written = 0;
    int last = 0;
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_CipherUpdate(ctx.get(), dst, &written, bytes_of(in), static_cast<int>(in.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), dst + written, &last) != 1)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(last));
    return out;
}

std::string to_hex(unsigned char const* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    if (bytes.empty() || bytes.size() > INT_MAX / 4 * 3 - 3) return {};
    std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');  // EVP_EncodeBlock writes a final NUL
    int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes), static_cast<int>(bytes.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.empty()) return std::string();
    if (text.size() % 4 != 0 || text.size() > INT_MAX) return std::nullopt;
    // EVP_DecodeBlock skips surrounding whitespace and reports padding as zero bytes, so check the
    // alphabet here and take the real length from the '=' count.
    std::size_t pads = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    auto body = text.substr(0, text.size() - pads);
    if (!std::all_of(body.begin(), body.end(), is_base64_char)) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(text), static_cast<int>(text.size()));
    if (n < 0 || static_cast<std::size_t>(n) != out.size()) return std::nullopt;
    out.resize(out.size() - pads);
    return out;
}

callback_cipher::callback_cipher(std::string token, std::array<unsigned char, 32> const& key, std::string receive_id)
    : key_(key), token_(std::move(token)), receive_id_(std::move(receive_id)) {
    std::copy_n(key_.begin(), iv_.size(), iv_.begin());
}

std::optional<callback_cipher> callback_cipher::make(std::string token, std::string_view encoding_aes_key,
                                                     std::string receive_id, std::string* error) {
    if (auto problem = token_problem(token)) {
        if (error) *error = "token: expected " + *problem;
        return std::nullopt;
    }
    if (auto problem = aes_key_problem(encoding_aes_key)) {
        if (error) *error = "EncodingAESKey: expected " + *problem;
        return std::nullopt;
    }
    // 43 characters carry 258 bits: the last character's two spare bits are dropped, as WeCom's
    // own libraries do (the documented key's last character has them set).
    auto key = base64_decode(std::string(encoding_aes_key) + "=");
    if (!key || key->size() != 32) return fail(error, "EncodingAESKey: it does not decode to 32 bytes");
    std::array<unsigned char, 32> bytes{};
    std::copy_n(bytes_of(*key), bytes.size(), bytes.begin());
    return callback_cipher(std::move(token), bytes, std::move(receive_id));
}

std::string callback_cipher::signature(std::string_view timestamp, std::string_view nonce,
                                       std::string_view encrypted) const {
    std::array<std::string_view, 4> parts{token_, timestamp, nonce, encrypted};
    std::sort(parts.begin(), parts.end());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha1(), nullptr) == 1;
    for (auto part : parts) ok = ok && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx.get(), digest.data(), &size) == 1;
    return ok ? to_hex(digest.data(), size) : std::string();
}

bool callback_cipher::verify(std::string_view msg_signature, std::string_view timestamp, std::string_view nonce,
                             std::string_view encrypted) const {
    auto ours = signature(timestamp, nonce, encrypted);
    if (ours.empty() || msg_signature.size() != ours.size()) return false;
    std::string theirs(msg_signature);
    std::transform(theirs.begin(), theirs.end(), theirs.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
    return CRYPTO_memcmp(theirs.data(), ours.data(), ours.size()) == 0;
}

std::optional<std::string> callback_cipher::decrypt(std::string_view encrypted, std::string* error) const {
    if (encrypted.size() > max_encrypted_size) return fail(error, "longer than 1 MiB");
    auto sealed = base64_decode(encrypted);
    if (!sealed) return fail(error, "not base64");
    if (sealed->empty() || sealed->size() % 16 != 0) return fail(error, "not a whole number of blocks");
    auto plain = aes_cbc(false, key_, iv_, *sealed);
    if (!plain) return fail(error, "the cipher failed");

    auto pad = static_cast<unsigned char>(plain->back());
    bool pad_ok =
        pad >= 1 && pad <= pad_block && pad <= plain->size() &&
        std::all_of(plain->end() - pad, plain->end(), [pad](char c) { return static_cast<unsigned char>(c) == pad; });
    if (!pad_ok) return fail(error, "bad padding");
    plain->resize(plain->size() - pad);

    if (plain->size() < header_size) return fail(error, "length beyond the data");
    auto const* p = bytes_of(*plain) + 16;
    std::uint64_t length =
        (std::uint64_t{p[0]} << 24) | (std::uint64_t{p[1]} << 16) | (std::uint64_t{p[2]} << 8) | p[3];
    if (length > plain->size() - header_size) return fail(error, "length beyond the data");
    auto msg_end = header_size + static_cast<std::size_t>(length);
    if (std::string_view(*plain).substr(msg_end) != receive_id_) return fail(error, "meant for another receiver");
    plain->resize(msg_end);
    plain->erase(0, header_size);
    return plain;
}

std::string callback_cipher::encrypt(std::string_view plain) const {
    std::array<unsigned char, 16> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) return {};
    return encrypt_with(plain, std::string_view(reinterpret_cast<char const*>(random.data()), random.size()));
}

std::string callback_cipher::encrypt_with(std::string_view plain, std::string_view random16) const {
    if (plain.size() > UINT32_MAX) return {};
    std::string body(16, '\0');
    std::copy_n(random16.begin(), std::min<std::size_t>(random16.size(), 16), body.begin());
    auto length = static_cast<std::uint32_t>(plain.size());
    for (int shift = 24; shift >= 0; shift -= 8) body += static_cast<char>((length >> shift) & 0xff);
    body += plain;
    body += receive_id_;
    // A body that is already a whole number of blocks still gets a full block of padding.
    auto pad = pad_block - body.size() % pad_block;
    body.append(pad, static_cast<char>(pad));
    auto sealed = aes_cbc(true, key_, iv_, body);
    return sealed ? base64_encode(*sealed) : std::string();
}

}  // namespace adapters::wecom
