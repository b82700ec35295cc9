// The image layer's rules: what a scanned image shows (a known ad image, a QR code, text that a
// text rule fires on), "scan failed" rows for images that could not be read, and the memory of
// known ad images that admins teach.
#include <spdlog/spdlog.h>

#include "plugins/antiad/image_hash.hpp"
#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

namespace {

std::int64_t unix_now(bot::session const& s) {
    return s.now().time_since_epoch().count();
}

/// The message's text and a note about one of its images, as the log shows them.
std::string concat(std::string text, std::string const& note) {
    if (!text.empty()) text += ' ';
    return text + note;
}

/// At most `max_bytes` of `text`, cut at a character boundary: OCR of a screenshot can be long.
std::string clipped(std::string const& text, std::size_t max_bytes = 300) {
    if (text.size() <= max_bytes) return text;
    auto cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

/// The image segments of a message, copied.
std::vector<bot::seg::image> images_of(bot::message const& m) {
    std::vector<bot::seg::image> out;
    for (auto const& seg : m.segments())
        if (auto img = std::get_if<bot::seg::image>(&seg)) out.push_back(*img);
    return out;
}

}  // namespace

image_scanner::options moderation::scan_options(config const& cfg, bool ocr) const {
    image_scanner::options o;
    o.max_bytes = static_cast<std::size_t>(cfg.image_max_kb) * 1024;
    o.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(cfg.image_timeout);
    o.ocr = ocr;
    o.ocr_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(cfg.ocr_timeout);
    o.tessdata = cfg.tessdata;
    return o;
}

std::optional<finding> moderation::judge_image(group_state& gs, image_scan const& got, bot::message const& m,
                                               std::string const& where, bool strict) {
    check_options o{&gs.allow, &gs.cfg.off_rules, gs.cfg.threshold, strict};
    auto shown = [&] { return concat(text_of(m), where); };
    if (got.hash && !gs.ad_images.empty() && o.rule_on("image")) {
        for (auto known : gs.ad_images) {
            auto d = hash_distance(*got.hash, known);
            if (d > gs.cfg.image_hash_distance) continue;
            auto what = hash_hex(*got.hash) + " ~ " + hash_hex(known) + " (" + std::to_string(d) + " bits)";
            return finding{hit{"image", what}, shown(), hash_hex(*got.hash)};
        }
    }
    std::string qr_rule = strict ? "newcomer.qr" : "qr";
    for (auto const& p : got.qr) {
        if (!strict && gs.allow.qr_allowed(p)) continue;
        if (!o.rule_on(qr_rule)) continue;
        return finding{hit{qr_rule, p}, shown(), p};
    }
    std::string ocr_rule = strict ? "newcomer.ocr" : "ocr";
    if (got.text.empty() || !o.rule_on(ocr_rule)) return std::nullopt;
    // The same text rules as a message, under the same allowlist, switches and threshold.
    normalize(got.text, scratch_);
    auto h = gs.rules->check(scratch_, o);
    if (!h && !gs.admin->empty() && o.rule_on("admin")) h = gs.admin->check(got.text, scratch_.compact);
    if (!h) return std::nullopt;
    return finding{hit{ocr_rule, h->matched}, concat(text_of(m), where + " 文字：" + clipped(got.text)),
                   scratch_.compact};
}

bot::task<std::optional<finding>> moderation::check_images(bot::session& s, bot::message const& m, bool strict) {
    auto const g = *s.group();
    auto shown = images_of(m);
    for (auto const& img : shown) {
        std::string url = img.url.empty() ? img.file : img.url;
        if (url.empty()) continue;
        auto const& cfg = group(g).cfg;
        check_options o{nullptr, &cfg.off_rules, 0, strict};
        bool ocr = cfg.ocr_images && o.rule_on(strict ? "newcomer.ocr" : "ocr");
        auto got = co_await images_.scan(url, img.file, scan_options(cfg, ocr));
        // The group's state may have been rebuilt while the image was scanned.
        auto& gs = group(g);
        std::string where = "[图片 " + url + "]";
        if (auto f = judge_image(gs, got, m, where, strict)) co_return f;
        auto failed = got.error.empty() ? got.ocr_error : got.error;
        if (!failed.empty()) {
            // Nothing is punished for an image that could not be read, but admins can see it was not.
            spdlog::info("antiad: {} in {}: image {} not scanned: {}", s.user_id().str(), g.key(), url, failed);
            finding f{hit{got.error.empty() ? "ocr" : "image", failed}, concat(text_of(m), where), {}};
            audit(s, s.user_id(), "bot", "scan failed", f);
        }
    }
    co_return std::nullopt;
}

bot::task<std::size_t> moderation::learn_ad_images(bot::session& s, bot::message const& m) {
    if (!s.group()) co_return 0;
    auto const g = *s.group();
    auto shown = images_of(m);
    std::size_t known = 0;
    for (auto const& img : shown) {
        std::string url = img.url.empty() ? img.file : img.url;
        if (url.empty()) continue;
        auto got = co_await images_.scan(url, img.file, scan_options(group(g).cfg, false));
        if (!got.hash) {
            spdlog::info("antiad: image {} not learned in {}: {}", url, g.key(), got.error);
            continue;
        }
        if (repo_.add_image_hash(g.key(), *got.hash, s.user_id().str(), unix_now(s)))
            spdlog::info("antiad: {} marked image {} ({}) as an ad in {}", s.user_id().str(), url, hash_hex(*got.hash),
                         g.key());
        ++known;
    }
    if (known) lists_changed();
    co_return known;
}

bool moderation::forget_ad_image(bot::group_ref const& g, std::uint64_t hash) {
    bool removed = repo_.remove_image_hash(g.key(), hash);
    if (removed) lists_changed();
    return removed;
}

}  // namespace plugins::antiad
