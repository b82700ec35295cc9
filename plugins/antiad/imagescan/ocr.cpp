// Text in images, read by Tesseract (Chinese and English), with engines kept and reused.
#include "plugins/antiad/imagescan/readers.hpp"

#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

namespace plugins::antiad::imagescan {

namespace {

constexpr char const* languages = "chi_sim+eng";

using engine = std::unique_ptr<tesseract::TessBaseAPI>;

class engine_pool;
engine_pool& pool();

/// Idle engines by tessdata folder. An engine holds its language models (tens of MiB), so it is
/// loaded once and lent to one reader at a time rather than built per image.
class engine_pool {
public:
    /// An idle engine for `datapath`, or a new one; null when the data cannot be loaded.
    engine acquire(std::string const& datapath) {
        {
            std::lock_guard lock(mu_);
            if (broken_.count(datapath)) return nullptr;
            for (auto it = idle_.begin(); it != idle_.end(); ++it) {
                if (it->first != datapath) continue;
                auto e = std::move(it->second);
                idle_.erase(it);
                return e;
            }
        }
        auto e = load(datapath);
        if (e) {
            // A new data folder (the setting changed): engines idle for another one are not coming back.
            std::lock_guard lock(mu_);
            std::erase_if(idle_, [&](auto const& idle) { return idle.first != datapath; });
        } else {
            std::lock_guard lock(mu_);
            if (broken_.insert(datapath).second)
                spdlog::warn("antiad: OCR is off: Tesseract cannot load {} from {}", languages,
                             datapath.empty() ? std::string("its default tessdata folder") : datapath);
        }
        return e;
    }

    void release(std::string const& datapath, engine e) {
        std::lock_guard lock(mu_);
        idle_.emplace_back(datapath, std::move(e));
    }

    /// Ends the idle engines (at exit).
    void drain() {
        std::lock_guard lock(mu_);
        idle_.clear();
    }

private:
    static engine load(std::string const& datapath) {
        auto e = std::make_unique<tesseract::TessBaseAPI>();
        // Tesseract's chatter (missing data, resolution guesses) goes nowhere; what matters is logged here.
        e->SetVariable("debug_file", "/dev/null");
        if (e->Init(datapath.empty() ? nullptr : datapath.c_str(), languages, tesseract::OEM_LSTM_ONLY) != 0)
            return nullptr;
        std::vector<std::string> loaded;
        e->GetLoadedLanguagesAsVector(&loaded);
        for (auto const* need : {"chi_sim", "eng"})
            if (std::find(loaded.begin(), loaded.end(), need) == loaded.end()) return nullptr;
        e->SetPageSegMode(tesseract::PSM_AUTO);
        // Engines share Tesseract's cache of dictionaries, a static created by the first Init; an
        // exit hook registered after it runs before it is destroyed, so the engines end first.
        static bool const hooked = std::atexit([] { pool().drain(); }) == 0;
        (void)hooked;
        static bool const told = [] {
            if (!std::getenv("OMP_THREAD_LIMIT"))
                spdlog::info(
                    "antiad: OCR loaded; OMP_THREAD_LIMIT=1 in the environment keeps Tesseract to one "
                    "thread per image, which is faster on a machine with few cores");
            return true;
        }();
        (void)told;
        return e;
    }

    std::mutex mu_;
    std::vector<std::pair<std::string, engine>> idle_;
    std::set<std::string> broken_;
};

engine_pool& pool() {
    static engine_pool p;
    return p;
}

/// Lends an engine for one read and gives it back, cleared, however the read ends.
class lent_engine {
public:
    explicit lent_engine(std::string const& datapath) : datapath_(datapath), e_(pool().acquire(datapath)) {}
    ~lent_engine() {
        if (!e_) return;
        e_->Clear();
        pool().release(datapath_, std::move(e_));
    }
    lent_engine(lent_engine const&) = delete;
    lent_engine& operator=(lent_engine const&) = delete;
    tesseract::TessBaseAPI* operator->() const { return e_.get(); }
    explicit operator bool() const { return e_ != nullptr; }

private:
    std::string datapath_;
    engine e_;
};

/// Tesseract's text with its trailing newlines (and the form feed it ends pages with) dropped.
std::string trimmed(char const* raw) {
    std::string text = raw ? raw : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == '\f' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

bool ocr_loads(std::string const& datapath) {
    lent_engine e(datapath);
    return static_cast<bool>(e);
}

ocr_result read_page(gray_image const& page, std::chrono::milliseconds budget, std::string const& datapath) {
    if (page.width <= 0 || page.height <= 0) return {{}, "empty image"};
    if (std::max(page.width, page.height) > max_ocr_side) return {{}, "image larger than OCR reads"};
    if (budget <= std::chrono::milliseconds::zero()) return {{}, "OCR timed out"};
    lent_engine e(datapath);
    if (!e) return {{}, "OCR unavailable (no chi_sim+eng tessdata)"};
    // The budget starts once there is an engine: loading one is a one-time cost (about a second).
    auto const start = std::chrono::steady_clock::now();
    e->SetImage(page.px.data(), page.width, page.height, 1, page.width);
    // Chat images carry no resolution; 96 dpi (a screen) keeps Tesseract from guessing and warning.
    e->SetSourceResolution(96);

    tesseract::ETEXT_DESC monitor;
    auto left =
        budget - std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (left <= std::chrono::milliseconds::zero()) return {{}, "OCR timed out"};
    monitor.set_deadline_msecs(static_cast<std::int32_t>(std::min<std::int64_t>(left.count(), INT32_MAX)));
    int failed = e->Recognize(&monitor);
    if (monitor.deadline_exceeded()) return {{}, "OCR timed out after " + std::to_string(budget.count()) + " ms"};
    if (failed != 0) return {{}, "OCR failed"};
    std::unique_ptr<char[]> raw(e->GetUTF8Text());
    return {trimmed(raw.get()), {}};
}

}  // namespace plugins::antiad::imagescan
