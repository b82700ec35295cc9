#include "plugins/antiad/images.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>

#include "plugins/antiad/image_hash.hpp"
#include "plugins/antiad/ocr.hpp"
#include "plugins/antiad/pixels.hpp"
#include "plugins/antiad/qr.hpp"

namespace plugins::antiad {

namespace {
/// Cache entries kept before the caches start over; spam waves repeat within minutes.
constexpr std::size_t max_cached = 4096;

using clock = std::chrono::steady_clock;

std::chrono::milliseconds until(clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t - clock::now());
}
}  // namespace

image_scanner::~image_scanner() {
    pool_.stop();
    pool_.join();
}

bot::task<image_scan> image_scanner::scan(std::string url, std::string handle, options o) {
    auto asked = clock::now();
    auto job = [this, url = std::move(url), handle = std::move(handle), o = std::move(o),
                asked]() -> bot::task<image_scan> { co_return work(url, handle, o, asked); };
    // The job runs on the pool; co_spawn hands its result back on this coroutine's executor.
    auto op = boost::asio::co_spawn(pool_.get_executor(), std::move(job), boost::asio::use_awaitable);
    auto result = co_await std::move(op);
    co_return result;
}

std::optional<image_scan> image_scanner::cached(std::string const& key, std::optional<std::uint64_t> content,
                                                bool ocr) {
    // A result read without OCR does not answer a request with OCR; it is scanned again.
    auto fits = [ocr](image_scan const& r) { return !ocr || r.read || !r.error.empty(); };
    std::lock_guard lock(mu_);
    if (!content) {
        if (auto it = by_handle_.find(key); it != by_handle_.end() && fits(it->second)) return it->second;
        return std::nullopt;
    }
    if (auto it = by_hash_.find(*content); it != by_hash_.end() && fits(it->second)) {
        by_handle_[key] = it->second;
        return it->second;
    }
    return std::nullopt;
}

image_scan image_scanner::work(std::string const& url, std::string const& handle, options const& o,
                               clock::time_point asked) {
    auto key = handle.empty() ? url : handle;
    if (auto hit = cached(key, std::nullopt, o.ocr)) return *hit;

    image_scan out;
    // Time spent waiting for a worker counts: a burst of images cannot hold a group's messages
    // for longer than one scan's budget.
    auto left = until(asked + o.timeout);
    if (left <= std::chrono::milliseconds::zero()) {
        out.error = "timed out waiting for a worker";
        return out;
    }
    auto got = fetch_image(url, o.max_bytes, left);
    if (!got.error.empty()) {
        out.error = got.error;
        return out;  // not cached: the next try may reach it
    }
    auto content = std::hash<std::string_view>{}(got.bytes);
    if (auto hit = cached(key, content, o.ocr)) return *hit;

    auto pixels = decode_gray(got.bytes);
    ++decodes_;
    if (!pixels.error.empty()) {
        out.error = pixels.error;
    } else {
        out.qr = decode_qr(pixels.image);
        out.hash = dhash(pixels.image);
        if (o.ocr) {
            ++ocr_runs_;
            auto budget = std::min(o.ocr_timeout, until(asked + o.timeout + o.ocr_timeout));
            auto text = read_text(pixels.image, budget, o.tessdata);
            out.read = true;
            out.text = std::move(text.text);
            out.ocr_error = std::move(text.error);
        }
    }
    std::lock_guard lock(mu_);
    if (by_hash_.size() >= max_cached) by_hash_.clear();
    if (by_handle_.size() >= max_cached) by_handle_.clear();
    by_hash_[content] = out;
    by_handle_[key] = out;
    return out;
}

}  // namespace plugins::antiad
