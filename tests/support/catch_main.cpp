// The one Catch2 main shared by every test executable.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>

int main(int argc, char* argv[]) {
    // Tests are quiet unless QUNBOT_TEST_LOG names a level (e.g. "debug").
    auto const* level = std::getenv("QUNBOT_TEST_LOG");
    spdlog::set_level(level ? spdlog::level::from_str(level) : spdlog::level::err);
    return Catch::Session().run(argc, argv);
}
