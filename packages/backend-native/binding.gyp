{
  "targets": [
    {
      "target_name": "glassbox_native",
      "sources": [
        "native/addon.cc",
        "native/cpu_features.cc",
        "native/thread_pool.cc",
        "native/gemm.cc",
        "native/gemm_kernels.cc",
        "native/elementwise.cc",
        "native/reduce.cc",
        "native/transpose.cc",
        "native/conv.cc",
        "native/conv_direct.cc",
        "native/depthwise.cc",
        "native/layout.cc",
        "native/pool.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O3", "-Wno-psabi", "-fno-math-errno", "-fno-trapping-math", "-pthread"],
      "ldflags": ["-pthread"],
      "conditions": [
        ["target_arch=='x64'", { "cflags_cc": ["-march=x86-64-v2", "-mtune=generic"] }],
        ["OS=='mac'", {
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "OTHER_CPLUSPLUSFLAGS": ["-O3", "-fno-math-errno", "-fno-trapping-math"]
          }
        }]
      ]
    }
  ]
}
