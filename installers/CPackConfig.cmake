# SPDX-License-Identifier: GPL-3.0-or-later
set(CPACK_PACKAGE_NAME "vigil")
set(CPACK_PACKAGE_VENDOR "Vigil project")
set(CPACK_PACKAGE_CONTACT "vigil@localhost")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
include(CPack)
