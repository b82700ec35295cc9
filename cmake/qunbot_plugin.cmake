# qunbot_plugin(NAME [SOURCES ...] [TESTS ...])
# Declares a plugin folder: its sources become a library linked into the bot, its register
# function is added to the generated plugin table, and its tests become a test executable.
set_property(GLOBAL PROPERTY QUNBOT_PLUGINS "")

function(qunbot_plugin name)
    cmake_parse_arguments(P "" "" "SOURCES;TESTS" ${ARGN})
    if(NOT P_SOURCES)
        file(GLOB P_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    endif()
    if(NOT P_TESTS)
        file(GLOB P_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tests/*.cpp)
    endif()
    add_library(qunbot_plugin_${name} STATIC ${P_SOURCES})
    target_link_libraries(qunbot_plugin_${name} PUBLIC qunbot_core PRIVATE qunbot_warnings)
    set_property(GLOBAL APPEND PROPERTY QUNBOT_PLUGINS ${name})
    if(QUNBOT_TESTS AND P_TESTS)
        add_executable(plugin_${name}_tests ${P_TESTS})
        target_link_libraries(plugin_${name}_tests PRIVATE qunbot_plugin_${name} qunbot_test_support qunbot_warnings)
        include(Catch)
        catch_discover_tests(plugin_${name}_tests WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                             PROPERTIES ENVIRONMENT "QUNBOT_SOURCE=${PROJECT_SOURCE_DIR}")
    endif()
endfunction()
