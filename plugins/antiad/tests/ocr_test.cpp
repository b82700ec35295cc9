#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "plugins/antiad/image_hash.hpp"
#include "plugins/antiad/images.hpp"
#include "plugins/antiad/ocr.hpp"
#include "plugins/antiad/pixels.hpp"
#include "plugins/antiad/tests/helpers.hpp"
#include "plugins/antiad/tests/pictures.hpp"
#include "storage/database.hpp"

using namespace antiad_test;
using plugins::antiad::decode_gray;
using plugins::antiad::read_text;

namespace {

std::string const& wechat_ad_png() {
    static std::string const bytes = png(text_picture({"加微信 abc12345"}));
    return bytes;
}

std::string const& link_ad_png() {
    static std::string const bytes = png(text_picture({"https://promo.zz/abc"}));
    return bytes;
}

std::string const& innocent_png() {
    static std::string const bytes = png(text_picture({"今天读了三十页"}));
    return bytes;
}

std::string ocr(std::string const& bytes, std::chrono::milliseconds budget = std::chrono::seconds(20)) {
    auto img = decode_gray(bytes);
    REQUIRE(img.error.empty());
    auto got = read_text(img.image, budget);
    INFO(got.error);
    REQUIRE(got.error.empty());
    return got.text;
}

/// Audit rows of one action, as "rule|detail|original".
std::vector<std::string> audit_rows(testing::fake_chat& chat, std::string const& action) {
    auto& q = chat.bot().db().prepare("SELECT rule, detail, original FROM antiad_log WHERE action = ?1 ORDER BY id");
    storage::statement_guard guard{q};
    q.bind(1, action);
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString() + "|" + q.getColumn(1).getString() + "|" + q.getColumn(2).getString());
    return out;
}

}  // namespace

// Loading Tesseract's models takes seconds under the sanitizers, and ctest runs each test case in
// its own process: the cases that read text are few, with sections, so each loads one engine.

TEST_CASE("OCR reads Chinese and English text in a picture, within its deadline, once per picture", "[antiad][ocr]") {
    SECTION("the words and the link are read") {
        auto ad = ocr(wechat_ad_png());
        CHECK(ad.find("abc12345") != std::string::npos);
        CHECK(ad.find("微") != std::string::npos);
        CHECK(ocr(link_ad_png()).find("promo.zz/abc") != std::string::npos);
    }
    SECTION("reading stops at the deadline") {
        canvas page = text_picture({"加微信 abc12345", "https://promo.zz/abc", "今天读了三十页", "加微信 abc12345",
                                    "https://promo.zz/abc", "今天读了三十页"},
                                   32);
        auto img = decode_gray(png(page));
        ocr(wechat_ad_png());  // the engine is loaded before the clock starts
        auto got = read_text(img.image, std::chrono::milliseconds(1));
        CHECK(got.error.find("timed out") != std::string::npos);
        CHECK(got.text.empty());
    }
    SECTION("the same picture again comes from the scanner's cache") {
        auto a = picture_file("cache-a.png", wechat_ad_png());
        auto b = picture_file("cache-b.png", wechat_ad_png());
        boost::asio::io_context io;
        plugins::antiad::image_scanner scanner;
        plugins::antiad::image_scanner::options o;
        o.ocr = true;
        o.ocr_timeout = std::chrono::seconds(20);
        auto first = testing::run(io, scanner.scan(a, "", o));
        auto second = testing::run(io, scanner.scan(b, "", o));
        CHECK(first.read);
        CHECK(first.ocr_error.empty());
        CHECK(first.text.find("abc12345") != std::string::npos);
        CHECK(second.text == first.text);
        CHECK(scanner.ocr_runs() == 1);
        CHECK(scanner.decodes() == 1);
    }
}

TEST_CASE("a picture with an ad in its text is recalled under rule ocr and an innocent one passes", "[antiad][ocr]") {
    auto wechat = picture_file("ocr-wechat.png", wechat_ad_png());
    auto link = picture_file("ocr-link.png", link_ad_png());
    auto innocent = picture_file("ocr-innocent.png", innocent_png());

    SECTION("ads are recalled and the audit keeps the text read") {
        testing::fake_chat chat("", with_antiad());
        CHECK_FALSE(recalled(chat, chat.user("erin").says(picture_message(innocent, "读书打卡"))));
        CHECK(chat.sent().empty());

        auto id = chat.user("bob").says(picture_message(wechat));
        CHECK(recalled(chat, id));
        CHECK(chat.replied("发送的图片里有广告内容"));
        auto id2 = chat.user("carol").says(picture_message(link));
        CHECK(recalled(chat, id2));

        auto rows = audit_rows(chat, "recall");
        REQUIRE(rows.size() == 2);
        // The rule, the text rule's match, and the text OCR read.
        CHECK(rows[0].starts_with("ocr|微信 abc12345|"));
        CHECK(rows[0].find("文字：") != std::string::npos);
        CHECK(rows[0].find("abc12345") != std::string::npos);
        CHECK(rows[1].starts_with("ocr|https://promo.zz|"));
        CHECK(audit_rows(chat, "scan failed").empty());
    }
    SECTION("a link in a picture to an allowed domain passes") {
        testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"promo.zz\"]\n", with_antiad());
        CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(link))));
    }
    SECTION("a newcomer's picture with a link fires newcomer.ocr even when the domain is allowed") {
        testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"promo.zz\"]\n", with_antiad());
        chat.user("dave").joins();
        CHECK(recalled(chat, chat.user("dave").says(picture_message(link))));
        CHECK(chat.replied("新成员入群初期"));
        auto rows = audit_rows(chat, "recall");
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].starts_with("newcomer.ocr|"));
    }
}

TEST_CASE("with ocr_images off, ocr in off_rules or scan_images off, the text in pictures is not read",
          "[antiad][ocr]") {
    auto wechat = picture_file("ocr-off.png", wechat_ad_png());
    for (auto const* toml : {"[plugins.antiad]\nocr_images = false\n", "[plugins.antiad]\noff_rules = [\"ocr\"]\n",
                             "[plugins.antiad]\nscan_images = false\n"}) {
        INFO(toml);
        testing::fake_chat chat(toml, with_antiad());
        CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(wechat))));
        CHECK(chat.sent().empty());
        CHECK(audit_rows(chat, "scan failed").empty());
    }
}

TEST_CASE("oversize and corrupt images are not punished and leave a scan failed row", "[antiad][ocr]") {
    testing::fake_chat chat("", with_antiad());
    // 5000 pixels wide: a small file, but past the 4096-pixel cap before anything is decoded.
    canvas wide(5000, 8);
    draw_text(wide, "加微信 abc12345", 10, 7, 6);
    auto oversize = picture_file("oversize.png", png(wide));
    auto corrupt_bytes = wechat_ad_png().substr(0, wechat_ad_png().size() / 2);
    auto corrupt = picture_file("corrupt.png", corrupt_bytes);
    auto garbage = picture_file("garbage.png", "GIF89a not really a picture");

    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(oversize))));
    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(corrupt))));
    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(garbage))));
    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message("/no/such/picture.png"))));
    CHECK(count(chat, "mute") == 0);
    CHECK(chat.sent().empty());

    auto rows = audit_rows(chat, "scan failed");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].starts_with("image|image too large (5000x8)|[图片 "));
    CHECK(rows[1].starts_with("image|cannot decode"));
    CHECK(rows[2].starts_with("image|"));
    CHECK(rows[3].starts_with("image|cannot read /no/such/picture.png"));
}

TEST_CASE("without Chinese tessdata OCR is off and says so, and never crashes", "[antiad][ocr]") {
    auto empty = run_temp_dir("no-tessdata");
    CHECK_FALSE(plugins::antiad::ocr_available(empty.string()));

    auto img = decode_gray(wechat_ad_png());
    auto got = read_text(img.image, std::chrono::seconds(5), empty.string());
    CHECK(got.text.empty());
    CHECK(got.error.find("OCR unavailable") != std::string::npos);

    auto path = picture_file("no-tessdata.png", wechat_ad_png());
    boost::asio::io_context io;
    plugins::antiad::image_scanner scanner;
    plugins::antiad::image_scanner::options o;
    o.ocr = true;
    o.tessdata = empty.string();
    auto scanned = testing::run(io, scanner.scan(path, "", o));
    CHECK(scanned.error.empty());
    CHECK(scanned.hash.has_value());
    CHECK(scanned.read);
    CHECK(scanned.ocr_error.find("OCR unavailable") != std::string::npos);

    // In a group: the picture is not punished, and the audit says why it was not read.
    testing::fake_chat chat("[plugins.antiad]\ntessdata = \"" + empty.string() + "\"\n", with_antiad());
    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(path))));
    CHECK(chat.sent().empty());
    auto rows = audit_rows(chat, "scan failed");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].starts_with("ocr|OCR unavailable"));
}

namespace {
/// This process's resident memory in KiB (Linux).
long resident_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
    return -1;
}
}  // namespace

TEST_CASE("OCR cost per image", "[.bench]") {
    using clock = std::chrono::steady_clock;
    auto img = decode_gray(wechat_ad_png());
    auto before = resident_kib();
    auto start = clock::now();
    read_text(img.image, std::chrono::seconds(30));  // loads the engine
    auto load_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
    WARN("first read (loads the engine): " << load_ms << " ms, resident memory +" << (resident_kib() - before) / 1024
                                           << " MiB");
    start = clock::now();
    int const n = 10;
    for (int i = 0; i < n; ++i) read_text(img.image, std::chrono::seconds(30));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
    WARN("OCR of a " << img.image.width << "x" << img.image.height << " one-line picture: " << ms / n << " ms");

    canvas poster(800, 600, 250);
    draw_text(poster, "限时福利 免费领取", 40, 120, 64);
    draw_text(poster, "加微信 abc12345", 40, 260, 56);
    draw_text(poster, "https://promo.zz/abc", 40, 400, 48);
    draw_text(poster, "名额有限 先到先得", 40, 520, 48);
    auto p = decode_gray(png(poster));
    start = clock::now();
    for (int i = 0; i < 3; ++i) read_text(p.image, std::chrono::seconds(30));
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
    WARN("OCR of an 800x600 poster of four lines: " << ms / 3 << " ms");

    canvas screenshot(1080, 2340);
    for (int i = 0; i < 30; ++i) draw_text(screenshot, "今天读了三十页 https://promo.zz/abc", 40, 80 + i * 75, 36);
    auto screenshot_png = png(screenshot);
    start = clock::now();
    auto big = decode_gray(screenshot_png);
    auto hash = plugins::antiad::dhash(big.image);
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
    WARN("decoding and hashing a 1080x2340 PNG: " << ms << " ms (" << plugins::antiad::hash_hex(hash) << ")");
    start = clock::now();
    auto got = read_text(big.image, std::chrono::seconds(60));
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
    WARN("OCR of a 1080x2340 screenshot of 30 lines: " << ms << " ms (" << got.text.size() << " bytes)");
    WARN("resident memory after all reads: +" << (resident_kib() - before) / 1024 << " MiB");
}
