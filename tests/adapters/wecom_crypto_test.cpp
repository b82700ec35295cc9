// The WeCom callback cipher against the documented vectors, and every way a callback can be refused:
// each refusal names its step, and none throws or repeats the key or the plaintext.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>

#include "adapters/wecom/crypto.hpp"
#include "adapters/wecom/xml.hpp"

using adapters::wecom::base64_decode;
using adapters::wecom::base64_encode;
using adapters::wecom::callback_cipher;

namespace {

// The vectors from WeCom's callback documentation.
constexpr auto token = "QDG6eK";
constexpr auto aes_key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
constexpr auto corp_id = "wx5823bf96d3bd56c7";
constexpr auto echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
constexpr auto posted =
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/"
    "sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+"
    "HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUc"
    "allcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/"
    "T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

callback_cipher documented(std::string receive_id = corp_id) {
    auto cipher = callback_cipher::make(token, aes_key, std::move(receive_id));
    REQUIRE(cipher);
    return *cipher;
}

// What decrypt refuses `encrypted` with; "" when it decrypts. Fails the test if it throws.
std::string refusal(callback_cipher const& cipher, std::string const& encrypted) {
    std::string error;
    std::optional<std::string> plain;
    CHECK_NOTHROW(plain = cipher.decrypt(encrypted, &error));
    if (plain) return "";
    CHECK_FALSE(error.empty());
    return error;
}

// `encrypted` with one byte of its ciphertext XORed with `mask`.
std::string flipped(std::string const& encrypted, std::size_t at, unsigned char mask) {
    auto bytes = base64_decode(encrypted);
    REQUIRE(bytes);
    REQUIRE(at < bytes->size());
    (*bytes)[at] = static_cast<char>(static_cast<unsigned char>((*bytes)[at]) ^ mask);
    return base64_encode(*bytes);
}

}  // namespace

TEST_CASE("the documented URL verification signs and decrypts to its echo string", "[wecom]") {
    auto cipher = documented();
    CHECK(cipher.signature("1409659589", "263014780", echostr) == "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    CHECK(cipher.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echostr));
    std::string error;
    auto plain = cipher.decrypt(echostr, &error);
    REQUIRE(plain);
    CHECK(*plain == "1616140317555161061");
    CHECK(error.empty());
    CHECK(cipher.receive_id() == corp_id);
}

TEST_CASE("the documented POST verifies and decrypts to the text message XML", "[wecom]") {
    auto cipher = documented();
    CHECK(cipher.verify("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", posted));
    auto plain = cipher.decrypt(posted);
    REQUIRE(plain);
    auto xml = adapters::wecom::parse_xml(*plain);
    REQUIRE(xml);
    REQUIRE(xml->get("FromUserName"));
    CHECK(*xml->get("FromUserName") == "mycreate");
    CHECK(*xml->get("ToUserName") == corp_id);
    CHECK(*xml->get("MsgType") == "text");
    CHECK(*xml->get("Content") == "hello");
    CHECK(*xml->get("AgentID") == "218");
}

TEST_CASE("a signature in upper-case hex is accepted, a wrong or short one is not", "[wecom]") {
    auto cipher = documented();
    CHECK(cipher.verify("5C45FF5E21C57E6AD56BAC8758B79B1D9AC89FD3", "1409659589", "263014780", echostr));
    CHECK_FALSE(cipher.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", echostr));
    CHECK_FALSE(cipher.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659590", "263014780", echostr));
    CHECK_FALSE(cipher.verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89f", "1409659589", "263014780", echostr));
    CHECK_FALSE(cipher.verify("", "1409659589", "263014780", echostr));
    auto other = callback_cipher::make("QDG6eL", aes_key, corp_id);
    REQUIRE(other);
    CHECK_FALSE(other->verify("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", echostr));
}

TEST_CASE("the intelligent bot's empty receive id round trips and matches only an empty trailer", "[wecom]") {
    auto bot = documented("");
    auto sealed = bot.encrypt(R"({"msgtype":"text","text":{"content":"@bot 打卡"}})");
    REQUIRE_FALSE(sealed.empty());
    CHECK(bot.decrypt(sealed) == R"({"msgtype":"text","text":{"content":"@bot 打卡"}})");
    CHECK(refusal(documented(), sealed) == "meant for another receiver");
    CHECK(refusal(bot, documented().encrypt("hi")) == "meant for another receiver");
    CHECK(bot.encrypt("same") != bot.encrypt("same"));  // fresh random bytes each time
}

TEST_CASE("encrypting with given random bytes is repeatable and decrypts back", "[wecom]") {
    auto cipher = documented();
    auto once = cipher.encrypt_with("<xml></xml>", "0123456789abcdef");
    CHECK(once == cipher.encrypt_with("<xml></xml>", "0123456789abcdef"));
    CHECK(cipher.decrypt(once) == "<xml></xml>");
    CHECK(cipher.decrypt(cipher.encrypt_with("", "0123456789abcdef")) == "");
}

TEST_CASE("a body that fills whole blocks gets a full 32-byte block of padding", "[wecom]") {
    auto bot = documented("");
    // random(16) + length(4) + 12 bytes = 32: one block of data and one of padding.
    auto full = base64_decode(bot.encrypt_with("twelve bytes", "0123456789abcdef"));
    REQUIRE(full);
    CHECK(full->size() == 64);
    CHECK(bot.decrypt(base64_encode(*full)) == "twelve bytes");
    // 31 bytes take one byte of padding.
    auto one = base64_decode(bot.encrypt_with("eleven byte", "0123456789abcdef"));
    REQUIRE(one);
    CHECK(one->size() == 32);
    CHECK(bot.decrypt(base64_encode(*one)) == "eleven byte");
}

TEST_CASE("tampered, truncated or foreign ciphertext is refused with the failing step", "[wecom]") {
    auto cipher = documented();
    auto sealed = cipher.encrypt_with("1616140317555161061", "0123456789abcdef");
    auto size = base64_decode(sealed)->size();
    REQUIRE(size == 64);
    // CBC: a flipped bit in one block flips the same bit of the next block's plaintext.
    CHECK(refusal(cipher, flipped(sealed, size - 17, 0x40)) == "bad padding");
    CHECK(refusal(cipher, flipped(sealed, 0, 0x80)) == "length beyond the data");
    CHECK(refusal(cipher, flipped(sealed, 20, 0x01)) != "");
    CHECK(refusal(cipher, sealed.substr(0, sealed.size() - 4)) == "not a whole number of blocks");
    CHECK(refusal(cipher, base64_encode(base64_decode(sealed)->substr(0, 32))) != "");
    CHECK(refusal(cipher, "") == "not a whole number of blocks");
    CHECK(refusal(documented("ww0123456789abcdef"), sealed) == "meant for another receiver");
    auto stranger = callback_cipher::make(token, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", corp_id);
    REQUIRE(stranger);
    CHECK(refusal(*stranger, sealed) != "");
    CHECK(refusal(*stranger, echostr) != "");
}

TEST_CASE("text that is not base64 or longer than 1 MiB is refused before decrypting", "[wecom]") {
    auto cipher = documented();
    CHECK(refusal(cipher, "P9nAzCzy!tyTWESH") == "not base64");
    CHECK(refusal(cipher, "P9nAzCzy tyTWESH") == "not base64");
    CHECK(refusal(cipher, std::string(echostr) + "\n") == "not base64");
    CHECK(refusal(cipher, "P9n=AzCz") == "not base64");
    CHECK(refusal(cipher, std::string(adapters::wecom::max_encrypted_size + 4, 'A')) == "longer than 1 MiB");
    std::string error;
    cipher.decrypt("P9nAzCzy!tyTWESH", &error);
    CHECK(error.find(aes_key) == std::string::npos);
}

TEST_CASE("a malformed token or key is refused by name without echoing it", "[wecom]") {
    std::string error;
    auto bad_char = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2+";
    CHECK_FALSE(callback_cipher::make(token, bad_char, corp_id, &error));
    CHECK(error.find("EncodingAESKey") != std::string::npos);
    CHECK(error.find(bad_char) == std::string::npos);
    CHECK_FALSE(callback_cipher::make(token, "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2", corp_id, &error));
    CHECK_FALSE(callback_cipher::make("secret token!", aes_key, corp_id, &error));
    CHECK(error.find("token") != std::string::npos);
    CHECK(error.find("secret token!") == std::string::npos);
    CHECK_FALSE(callback_cipher::make("", aes_key, corp_id));
}

TEST_CASE("base64 is standard, padded and strict", "[wecom]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("A") == "QQ==");
    CHECK(base64_encode("AB") == "QUI=");
    CHECK(base64_encode("ABC") == "QUJD");
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    for (std::size_t n = 0; n <= all.size(); n += 37)
        CHECK(base64_decode(base64_encode(all.substr(0, n))) == all.substr(0, n));
    CHECK(base64_decode("QQ==") == "A");
    CHECK(base64_decode("QUI=") == "AB");
    CHECK(base64_decode("AAAA") == std::string(3, '\0'));
    CHECK_FALSE(base64_decode("QQ="));
    CHECK_FALSE(base64_decode("===="));
    CHECK_FALSE(base64_decode("Q==="));
    CHECK_FALSE(base64_decode(" QQ=="));
    CHECK_FALSE(base64_decode("QQ-_"));
}
