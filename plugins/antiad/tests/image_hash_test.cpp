#include <catch2/catch.hpp>

#include <memory>

#include "plugins/antiad/image_hash.hpp"
#include "plugins/antiad/moderation.hpp"
#include "plugins/antiad/pixels.hpp"
#include "plugins/antiad/tests/helpers.hpp"
#include "plugins/antiad/tests/pictures.hpp"
#include "storage/database.hpp"

using namespace antiad_test;
using plugins::antiad::decode_gray;
using plugins::antiad::dhash;
using plugins::antiad::hash_distance;

namespace {

/// An ad poster: a dark banner with a slogan, a shaded background, a price and a contact box.
canvas ad_poster() {
    canvas c(480, 320);
    for (int y = 0; y < c.height; ++y)
        for (int x = 0; x < c.width; ++x) c.at(x, y) = static_cast<unsigned char>(90 + 140 * y / c.height);
    fill_rect(c, 0, 0, c.width, 72, 30);
    draw_text(c, "限时福利 免费领取", 24, 52, 44, 250);
    draw_text(c, "日赚 888", 40, 170, 64, 10);
    fill_rect(c, 330, 110, 450, 230, 250);
    fill_rect(c, 350, 130, 430, 210, 20);
    fill_rect(c, 0, 280, 480, 296, 60);
    return c;
}

/// Something else entirely: a reading club's notice.
canvas notice() {
    canvas c(400, 300, 240);
    for (int x = 0; x < c.width; ++x)
        for (int y = 200; y < c.height; ++y) c.at(x, y) = static_cast<unsigned char>(200 - 120 * x / c.width);
    draw_text(c, "读书会", 30, 80, 60, 20);
    draw_text(c, "周六 下午三点", 30, 160, 40, 60);
    fill_rect(c, 300, 20, 380, 100, 120);
    return c;
}

std::uint64_t hash_of(std::string const& bytes) {
    auto img = decode_gray(bytes);
    REQUIRE(img.error.empty());
    return dhash(img.image);
}

/// The antiad plugin as the bot loads it, with its moderation kept for the test.
std::shared_ptr<plugins::antiad::moderation> loaded;

void antiad_kept(bot::plugin_context& ctx) {
    loaded = plugins::antiad::install(ctx);
}

/// "/learn" with pictures: what an admin's /ad does with the message it answers.
void teach_plugin(bot::plugin_context& ctx) {
    ctx.command({"learn"}, "learn")
        .optional_arg("t", bot::arg_kind::text)
        .handle([](bot::command_call& call) -> bot::task<> {
            auto const* gm = call.s().ev().as<bot::ev::group_message>();
            auto n = co_await loaded->learn_ad_images(call.s(), gm->content);
            co_await call.reply("learned:" + std::to_string(n));
        });
}

std::vector<bot::plugin_entry> with_teaching() {
    return {{"antiad", &antiad_kept}, {"teach", &teach_plugin}};
}

std::vector<std::string> audit_rules(testing::fake_chat& chat, std::string const& action) {
    auto& q = chat.bot().db().prepare("SELECT rule FROM antiad_log WHERE action = ?1 ORDER BY id");
    storage::statement_guard guard{q};
    q.bind(1, action);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace

TEST_CASE("an image re-encoded, resized or brightened keeps its hash within a few bits and others do not",
          "[antiad][image]") {
    auto poster = ad_poster();
    auto original = hash_of(png(poster));
    int const limit = 10;  // image_hash_distance's default
    struct variant {
        char const* what;
        std::string bytes;
    };
    std::vector<variant> same{
        {"as JPEG, quality 70", jpeg(poster, 70)},
        {"93% of the size", png(resized(poster, 446, 298))},
        {"120% of the size", jpeg(resized(poster, 576, 384), 85)},
        {"wider than it was", png(resized(poster, 520, 320))},
        {"brighter", png(brightened(poster, 20))},
        {"darker", jpeg(brightened(poster, -20), 90)},
    };
    for (auto const& v : same) {
        auto d = hash_distance(original, hash_of(v.bytes));
        INFO(v.what << ": " << d << " bits");
        CHECK(d <= limit);
    }
    std::vector<variant> other{
        {"a notice", png(notice())},
        {"a text picture", png(text_picture({"今天读了三十页"}))},
        {"an ad in text", png(text_picture({"加微信 abc12345"}))},
        {"the poster upside down", png([&] {
             canvas c = poster;
             for (int y = 0; y < c.height; ++y)
                 for (int x = 0; x < c.width; ++x) c.at(x, y) = poster.at(x, c.height - 1 - y);
             return c;
         }())},
    };
    for (auto const& v : other) {
        auto d = hash_distance(original, hash_of(v.bytes));
        INFO(v.what << ": " << d << " bits");
        CHECK(d > 2 * limit);
    }
}

TEST_CASE("text pictures are hashed by their text, not their margins", "[antiad][image]") {
    auto ad_picture = text_picture({"加微信 abc12345"});
    auto ad = hash_of(png(ad_picture));
    auto innocent = hash_of(png(text_picture({"今天读了三十页"})));
    INFO("different words: " << hash_distance(ad, innocent) << " bits");
    CHECK(hash_distance(ad, innocent) > 20);
    // The same words with wider margins, shrunk, and as a JPEG.
    canvas padded(ad_picture.width + 200, ad_picture.height + 120);
    for (int y = 0; y < ad_picture.height; ++y)
        for (int x = 0; x < ad_picture.width; ++x) padded.at(x + 150, y + 30) = ad_picture.at(x, y);
    auto same = hash_of(jpeg(resized(padded, padded.width * 4 / 5, padded.height * 4 / 5), 75));
    INFO("padded: " << hash_distance(ad, same) << " bits");
    CHECK(hash_distance(ad, same) <= 10);
}

TEST_CASE("an image an admin marked as an ad is caught when posted again resized, and passes once forgotten",
          "[antiad][image]") {
    testing::fake_chat chat("[plugins.antiad]\nocr_images = false\n", with_teaching());
    auto poster = ad_poster();
    auto first = picture_file("learn-first.png", png(poster));
    auto again = picture_file("learn-again.jpg", jpeg(resized(poster, 440, 293), 80));
    auto other = picture_file("learn-other.png", png(notice()));

    // Before anyone marks it, the poster passes (no QR code, no text read).
    CHECK_FALSE(recalled(chat, chat.user("bob").says(picture_message(first))));
    auto alice = chat.user("alice");
    alice.is(bot::role::admin);
    alice.says(picture_message(first, "/learn"));
    CHECK(chat.replied("learned:1"));
    // Marking it twice keeps one row.
    alice.says(picture_message(first, "/learn"));
    CHECK(chat.replied("learned:1"));
    auto key = chat.group_ref().key();
    auto known = loaded->repo().image_hashes(key);
    REQUIRE(known.size() == 1);

    auto id = chat.user("bob").says(picture_message(again, "看看这个"));
    CHECK(recalled(chat, id));
    CHECK(chat.replied("发送了已知的广告图片"));
    CHECK(audit_rules(chat, "recall") == std::vector<std::string>{"image"});
    CHECK_FALSE(recalled(chat, chat.user("carol").says(picture_message(other))));

    // Known per group: another group does not know it.
    CHECK_FALSE(recalled(chat, chat.user("bob").in("g2").says(picture_message(again))));

    CHECK(loaded->forget_ad_image(chat.group_ref(), known[0]));
    CHECK_FALSE(loaded->forget_ad_image(chat.group_ref(), known[0]));
    CHECK(loaded->repo().image_hashes(key).empty());
    CHECK_FALSE(recalled(chat, chat.user("dave").says(picture_message(again))));
}

TEST_CASE("known ad images survive a restart and follow image_hash_distance and off_rules", "[antiad][image]") {
    testing::fake_chat chat("[plugins.antiad]\nocr_images = false\n", with_teaching());
    auto poster = ad_poster();
    auto first = picture_file("restart-first.png", png(poster));
    auto again = picture_file("restart-again.png", png(resized(poster, 430, 290)));
    chat.user("alice").is(bot::role::admin).says(picture_message(first, "/learn"));
    CHECK(chat.replied("learned:1"));
    chat.restart();
    CHECK(recalled(chat, chat.user("bob").says(picture_message(again))));

    chat.user("alice").says("/set antiad.off_rules image");
    CHECK_FALSE(recalled(chat, chat.user("carol").says(picture_message(again))));
    chat.user("alice").says("/set antiad.off_rules file");
    chat.user("alice").says("/set antiad.image_hash_distance 0");
    auto exact = chat.user("dave").says(picture_message(first));
    CHECK(recalled(chat, exact));
}

TEST_CASE("learning skips what is not an image it can read", "[antiad][image]") {
    testing::fake_chat chat("", with_teaching());
    auto broken = picture_file("learn-broken.png", "not a picture");
    auto alice = chat.user("alice");
    alice.is(bot::role::admin);
    alice.says(picture_message(broken, "/learn"));
    CHECK(chat.replied("learned:0"));
    alice.says("/learn 没有图片");
    CHECK(chat.replied("learned:0"));
    CHECK(loaded->repo().image_hashes(chat.group_ref().key()).empty());
}
