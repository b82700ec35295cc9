#pragma once
/// QR scanning off the core thread: images are fetched and decoded on a small worker pool, and the
/// result comes back to the caller's executor. Results are cached by the platform's image handle and
/// by the image's content hash, so a spam image posted again is not decoded again.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "bot/task.hpp"

namespace plugins::antiad {

class image_scanner {
public:
    struct limits {
        std::size_t max_bytes = 2 * 1024 * 1024;
        std::chrono::milliseconds timeout{5000};
    };

    explicit image_scanner(std::size_t threads = 1) : pool_(threads) {}
    ~image_scanner();
    image_scanner(image_scanner const&) = delete;
    image_scanner& operator=(image_scanner const&) = delete;

    /// The QR payloads in the image at `url` (a path, file:// or http(s) URL); `handle` is the
    /// platform's name for the image (often its hash), used as a cache key when set. Empty when
    /// there is no QR code or the image cannot be fetched in time.
    bot::task<std::vector<std::string>> scan(std::string url, std::string handle, limits l);

    /// How many images were actually decoded (cache misses).
    std::size_t decodes() const { return decodes_; }

private:
    std::vector<std::string> work(std::string const& url, std::string const& handle, limits l);

    boost::asio::thread_pool pool_;
    std::mutex mu_;
    std::unordered_map<std::string, std::vector<std::string>> by_handle_;
    std::unordered_map<std::uint64_t, std::vector<std::string>> by_hash_;
    std::atomic<std::size_t> decodes_{0};
};

}  // namespace plugins::antiad
