#include "plugins/antiad/images.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>

#include "plugins/antiad/qr.hpp"

namespace plugins::antiad {

namespace {
/// Cache entries kept before the caches start over; spam waves repeat within minutes.
constexpr std::size_t max_cached = 4096;
}  // namespace

image_scanner::~image_scanner() {
    pool_.stop();
    pool_.join();
}

bot::task<std::vector<std::string>> image_scanner::scan(std::string url, std::string handle, limits l) {
    auto job = [this, url = std::move(url), handle = std::move(handle), l]() -> bot::task<std::vector<std::string>> {
        co_return work(url, handle, l);
    };
    // The job runs on the pool; co_spawn hands its result back on this coroutine's executor.
    auto op = boost::asio::co_spawn(pool_.get_executor(), std::move(job), boost::asio::use_awaitable);
    auto payloads = co_await std::move(op);
    co_return payloads;
}

std::vector<std::string> image_scanner::work(std::string const& url, std::string const& handle, limits l) {
    auto key = handle.empty() ? url : handle;
    {
        std::lock_guard lock(mu_);
        if (auto it = by_handle_.find(key); it != by_handle_.end()) return it->second;
    }
    auto got = fetch_image(url, l.max_bytes, l.timeout);
    if (!got.error.empty()) {
        spdlog::info("antiad: image {} not scanned: {}", url, got.error);
        return {};
    }
    auto hash = std::hash<std::string_view>{}(got.bytes);
    {
        std::lock_guard lock(mu_);
        if (auto it = by_hash_.find(hash); it != by_hash_.end()) {
            by_handle_[key] = it->second;
            return it->second;
        }
    }
    auto payloads = decode_qr(got.bytes);
    ++decodes_;
    std::lock_guard lock(mu_);
    if (by_hash_.size() >= max_cached) by_hash_.clear();
    if (by_handle_.size() >= max_cached) by_handle_.clear();
    by_hash_[hash] = payloads;
    by_handle_[key] = payloads;
    return payloads;
}

}  // namespace plugins::antiad
