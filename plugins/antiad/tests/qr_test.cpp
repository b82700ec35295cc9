#include <catch2/catch.hpp>

#include <qrencode.h>
#include <stb_image_write.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "plugins/antiad/images.hpp"
#include "plugins/antiad/qr.hpp"
#include "plugins/antiad/scanners.hpp"
#include "plugins/antiad/tests/helpers.hpp"
#include "plugins/antiad/tests/temp_dirs.hpp"

using namespace antiad_test;
using plugins::antiad::decode_qr;
using plugins::antiad::fetch_image;

namespace {

namespace asio = boost::asio;

/// These tests are about QR codes; reading the pictures' text (ocr_test.cpp) would only add the
/// seconds it takes to load Tesseract under the sanitizers.
std::string const qr_only = "[plugins.antiad]\nocr_images = false\n";

std::filesystem::path temp_dir() {
    return run_temp_dir("qr");
}

/// A square grey image as PNG bytes.
std::string encode_png(std::vector<unsigned char> const& px, int side) {
    std::string out;
    auto append = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char const*>(data), static_cast<std::size_t>(size));
    };
    REQUIRE(stbi_write_png_to_func(append, &out, side, side, 1, px.data(), side) != 0);
    return out;
}

/// Draws `payload` as a QR code PNG (scaled, with a quiet zone) and returns the file's bytes.
std::string qr_png(std::string const& payload) {
    QRcode* code = QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    REQUIRE(code);
    int const scale = 6;
    int const quiet = 4;
    int const side = (code->width + 2 * quiet) * scale;
    std::vector<unsigned char> px(static_cast<std::size_t>(side * side), 255);
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1)
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        px[static_cast<std::size_t>(((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx)] = 0;
    QRcode_free(code);
    return encode_png(px, side);
}

/// A blank picture: an image without any QR code.
std::string blank_png() {
    std::vector<unsigned char> px(64 * 64, 200);
    return encode_png(px, 64);
}

std::string write_file(std::string const& name, std::string const& bytes) {
    auto path = temp_dir() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

bot::message picture(std::string const& url, std::string const& text = {}) {
    bot::message m;
    if (!text.empty()) m.text(text);
    m.image(url);
    return m;
}

/// A one-request HTTP server on loopback. `answer` false: it accepts and never answers.
class one_shot_server {
public:
    one_shot_server(std::string body, bool answer = true) : acceptor_(io_, {asio::ip::address_v4::loopback(), 0}) {
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this, body = std::move(body), answer] {
            asio::ip::tcp::socket socket(io_);
            acceptor_.accept(socket);
            asio::streambuf request;
            boost::system::error_code ec;
            asio::read_until(socket, request, "\r\n\r\n", ec);
            if (answer) {
                auto head =
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\nConnection: close\r\n\r\n";
                asio::write(socket, asio::buffer(head), ec);
                asio::write(socket, asio::buffer(body), ec);
            } else {
                char c;
                socket.read_some(asio::buffer(&c, 1), ec);  // until the client gives up and closes
            }
        });
    }
    ~one_shot_server() { thread_.join(); }
    std::string url(std::string const& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

private:
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::thread thread_;
};

}  // namespace

TEST_CASE("a generated QR code decodes to its payload", "[antiad][qr]") {
    auto payloads = decode_qr(qr_png("https://spam.example/join?x=1"));
    REQUIRE(payloads.size() == 1);
    CHECK(payloads[0] == "https://spam.example/join?x=1");
    CHECK(decode_qr(blank_png()).empty());
    CHECK(decode_qr("not an image at all").empty());
}

TEST_CASE("the image readers are a module loaded on demand, and a missing or foreign one is refused with why",
          "[antiad][qr]") {
    namespace pa = plugins::antiad;
    // Not a file, then a file that is not a shared library: nothing loads, and the reason says why.
    auto none = pa::load_image_readers({(temp_dir() / "missing" / "libqunbot_imagescan.so").string()});
    CHECK(none.table == nullptr);
    CHECK(none.why == "not found");
    auto text = write_file("not-a-module.so", "plain text");
    auto foreign = pa::load_image_readers({text});
    CHECK(foreign.table == nullptr);
    CHECK_FALSE(foreign.why.empty());
    CHECK(foreign.why != "not found");
    // The module of this build is found where the build put it and reads a QR code through its table.
    auto candidates = pa::image_reader_candidates();
    REQUIRE_FALSE(candidates.empty());
    auto got = pa::load_image_readers(candidates);
    INFO(got.why);
    REQUIRE(got.table != nullptr);
    CHECK(got.table->version == pa::imagescan::entry_points_version);
    auto img = pa::decode_gray(qr_png("https://spam.example/module"));
    REQUIRE(img.error.empty());
    CHECK(got.table->qr_payloads(img.image) == std::vector<std::string>{"https://spam.example/module"});
}

TEST_CASE("local images are read with a size cap", "[antiad][qr]") {
    auto path = write_file("cap.png", qr_png("hello"));
    CHECK(fetch_image(path, 1 << 20, std::chrono::seconds(1)).error.empty());
    CHECK(fetch_image("file://" + path, 1 << 20, std::chrono::seconds(1)).error.empty());
    CHECK(fetch_image(path, 100, std::chrono::seconds(1)).error == "image too large");
    CHECK_FALSE(fetch_image("/no/such/file.png", 1 << 20, std::chrono::seconds(1)).error.empty());
}

TEST_CASE("images are downloaded over HTTP within the size and time limits", "[antiad][qr]") {
    auto png = qr_png("https://spam.example/http");
    {
        one_shot_server server(png);
        auto got = fetch_image(server.url("/qr.png"), 1 << 20, std::chrono::seconds(5));
        CHECK(got.error.empty());
        CHECK(got.bytes == png);
    }
    {
        one_shot_server server(png);
        auto got = fetch_image(server.url("/qr.png"), 100, std::chrono::seconds(5));
        CHECK_FALSE(got.error.empty());
        CHECK(got.bytes.empty());
    }
    {
        one_shot_server server(png, false);
        auto got = fetch_image(server.url("/slow.png"), 1 << 20, std::chrono::milliseconds(200));
        CHECK_FALSE(got.error.empty());
    }
}

TEST_CASE("the scanner decodes an image it has seen before only once", "[antiad][qr]") {
    auto png = qr_png("https://spam.example/again");
    auto a = write_file("a.png", png);
    auto b = write_file("b.png", png);
    asio::io_context io;
    plugins::antiad::image_scanner scanner;
    plugins::antiad::image_scanner::options o;
    auto first = testing::run(io, scanner.scan(a, "", o)).qr;
    auto second = testing::run(io, scanner.scan(b, "", o)).qr;
    auto third = testing::run(io, scanner.scan(a, "", o)).qr;
    CHECK(first == std::vector<std::string>{"https://spam.example/again"});
    CHECK(second == first);
    CHECK(third == first);
    CHECK(scanner.decodes() == 1);
}

TEST_CASE("a QR code posted by a member is recalled while allowed payloads, admins and plain pictures pass",
          "[antiad][qr]") {
    testing::fake_chat chat(qr_only + "allow_domains = [\"github.com\"]\nqr_allow = [\"WIFI:\"]\n", with_antiad());
    auto spam = write_file("spam.png", qr_png("https://u.wechat.com/group-invite-abc"));
    auto ok_link = write_file("ok.png", qr_png("https://github.com/qunbot"));
    auto wifi = write_file("wifi.png", qr_png("WIFI:S:club;T:WPA;P:reading;;"));
    auto blank = write_file("blank.png", blank_png());

    auto id = chat.user("bob").says(picture(spam, "扫一扫"));
    CHECK(recalled(chat, id));
    CHECK(chat.replied("发送了二维码"));
    CHECK_FALSE(recalled(chat, chat.user("carol").says(picture(ok_link))));
    CHECK_FALSE(recalled(chat, chat.user("dave").says(picture(wifi))));
    CHECK_FALSE(recalled(chat, chat.user("erin").says(picture(blank, "今天的晚霞"))));
    CHECK_FALSE(recalled(chat, chat.user("alice").is(bot::role::admin).says(picture(spam))));
}

TEST_CASE("a QR code behind an image URL is fetched and caught", "[antiad][qr]") {
    one_shot_server server(qr_png("https://spam.example/by-url"));
    testing::fake_chat chat(qr_only, with_antiad());
    auto id = chat.user("bob").says(picture(server.url("/img.png")));
    CHECK(recalled(chat, id));
}

TEST_CASE("a newcomer's QR code counts even when its payload is allowed", "[antiad][qr][newcomer]") {
    testing::fake_chat chat(qr_only + "allow_domains = [\"github.com\"]\n", with_antiad());
    auto ok_link = write_file("newcomer.png", qr_png("https://github.com/qunbot"));
    chat.user("dave").joins();
    auto id = chat.user("dave").says(picture(ok_link));
    CHECK(recalled(chat, id));
    CHECK(chat.replied("新成员入群初期"));
}
