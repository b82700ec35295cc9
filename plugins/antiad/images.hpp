#pragma once
/// The image layer off the core thread: images are fetched, decoded once, and read on a small
/// worker pool (QR codes, a perceptual hash, and OCR when asked), and the result comes back to the
/// caller's executor. Results are cached by the platform's image handle and by the image's content
/// hash, so a spam image posted again is not decoded or read again.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "bot/task.hpp"

namespace plugins::antiad {

/// What one image showed.
struct image_scan {
    std::vector<std::string> qr;        ///< QR payloads
    std::optional<std::uint64_t> hash;  ///< the perceptual hash (dHash); absent when not decoded
    std::string text;                   ///< OCR text, when OCR was asked for and ran to the end
    bool read = false;                  ///< OCR was asked for and has an answer (text or ocr_error)
    std::string error;                  ///< why the image could not be fetched or decoded
    std::string ocr_error;              ///< why its text could not be read (timeout, no tessdata)
};

class image_scanner {
public:
    struct options {
        std::size_t max_bytes = 2 * 1024 * 1024;
        std::chrono::milliseconds timeout{5000};  ///< fetching, including the wait for a worker
        bool ocr = false;
        std::chrono::milliseconds ocr_timeout{3000};
        std::string tessdata;  ///< Tesseract's data folder; empty for its default
    };

    explicit image_scanner(std::size_t threads = 1) : pool_(threads) {}
    ~image_scanner();
    image_scanner(image_scanner const&) = delete;
    image_scanner& operator=(image_scanner const&) = delete;

    /// Scans the image at `url` (a path, file:// or http(s) URL); `handle` is the platform's name
    /// for the image (often its hash), used as a cache key when set. The whole scan, waiting for a
    /// worker included, ends within `timeout + ocr_timeout` (plus one image decode).
    bot::task<image_scan> scan(std::string url, std::string handle, options o);

    /// How many images were actually decoded (cache misses).
    std::size_t decodes() const { return decodes_; }
    /// How many times OCR ran.
    std::size_t ocr_runs() const { return ocr_runs_; }

private:
    image_scan work(std::string const& url, std::string const& handle, options const& o,
                    std::chrono::steady_clock::time_point asked);
    std::optional<image_scan> cached(std::string const& key, std::optional<std::uint64_t> content, bool ocr);

    boost::asio::thread_pool pool_;
    std::mutex mu_;
    std::unordered_map<std::string, image_scan> by_handle_;
    std::unordered_map<std::uint64_t, image_scan> by_hash_;
    std::atomic<std::size_t> decodes_{0};
    std::atomic<std::size_t> ocr_runs_{0};
};

}  // namespace plugins::antiad
