# CMake package for vipps-auth: find_package(vipps_auth) gives the target vipps_auth::vipps_auth.
# Installed to <prefix>/lib/cmake/vipps_auth/; paths are relative to that, so the prefix can move.
get_filename_component(_vipps_auth_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(APPLE)
  set(_vipps_auth_lib "${_vipps_auth_prefix}/lib/libvipps_auth.dylib")
else()
  set(_vipps_auth_lib "${_vipps_auth_prefix}/lib/libvipps_auth.so")
endif()
if(NOT TARGET vipps_auth::vipps_auth)
  add_library(vipps_auth::vipps_auth SHARED IMPORTED)
  set_target_properties(vipps_auth::vipps_auth PROPERTIES
    IMPORTED_LOCATION "${_vipps_auth_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${_vipps_auth_prefix}/include")
endif()
set(vipps_auth_FOUND TRUE)
unset(_vipps_auth_prefix)
unset(_vipps_auth_lib)
