import CRSVG
import Foundation

/// SVG to PNG with librsvg and cairo (Debian: librsvg2-dev; the library Wikimedia renders its
/// SVG thumbnails with), written by libpng (libpng-dev, which cairo's package brings), and a
/// PNG decoded back to check it. The only file that calls them.
///
///     let png = try SVGRaster.png(svgBytes, width: 1200, height: 860).get()
///     SVGRaster.decodedSize(png)   // (1200, 860); nil for a file cairo cannot decode
///
/// The SVG is read from memory without a base address: it can load no file and no URL (a
/// `data:` image is read; anything else is left out).
enum SVGRaster {
    struct Failure: Error, Equatable {
        var message: String
    }

    /// `svg` drawn into `width` × `height` pixels (its whole picture scaled to fit), as PNG.
    static func png(_ svg: [UInt8], width: Int, height: Int) -> Result<[UInt8], Failure> {
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            return .failure(Failure(message: "a picture of \(width) × \(height) pixels cannot be made"))
        }
        var error: UnsafeMutablePointer<GError>?
        let handle = svg.withUnsafeBufferPointer { bytes in
            rsvg_handle_new_from_data(bytes.baseAddress, gsize(bytes.count), &error)
        }
        guard let handle else { return .failure(Failure(message: takeMessage(&error, or: "librsvg cannot read the SVG"))) }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return .failure(Failure(message: "cairo cannot make a surface of \(width) × \(height) pixels"))
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            return .failure(Failure(message: "cairo cannot make a surface of \(width) × \(height) pixels"))
        }
        defer { cairo_destroy(context) }
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            return .failure(Failure(message: takeMessage(&error, or: "librsvg cannot draw the SVG")))
        }
        cairo_surface_flush(surface)
        return encode(surface, width: width, height: height)
    }

    /// The surface's pixels as an RGB PNG, written by libpng with its "fast" setting: cairo's
    /// own writer compresses harder, and took two thirds of the time of a chart's picture.
    private static func encode(_ surface: OpaquePointer, width: Int, height: Int) -> Result<[UInt8], Failure> {
        guard let pixels = cairo_image_surface_get_data(surface) else {
            return .failure(Failure(message: "cairo gave no pixels"))
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // Cairo's RGB24: one 32-bit word per pixel, xRGB in the machine's byte order.
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { out in
            var index = 0
            for y in 0..<height {
                let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    let pixel = row[x]
                    out[index] = UInt8(truncatingIfNeeded: pixel >> 16)
                    out[index + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                    out[index + 2] = UInt8(truncatingIfNeeded: pixel)
                    index += 3
                }
            }
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = 2  // PNG_FORMAT_RGB
        image.flags = UInt32(PNG_IMAGE_FLAG_FAST)
        defer { png_image_free(&image) }
        // Room for the pixels stored without compression, their filter bytes and the chunks.
        var png = [UInt8](repeating: 0, count: rgb.count + height + rgb.count / 1000 + 65536)
        var size = png.count
        let written = png.withUnsafeMutableBytes { memory in
            rgb.withUnsafeBytes { buffer in
                png_image_write_to_memory(&image, memory.baseAddress, &size, 0, buffer.baseAddress, Int32(width * 3), nil)
            }
        }
        guard written != 0, size <= png.count else {
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return .failure(Failure(message: "libpng cannot write the PNG: " + message))
        }
        // A copy of the bytes written: the buffer had room for the whole picture uncompressed
        // (megabytes), which `removeSubrange` would keep allocated for every picture held.
        return .success(Array(png[..<size]))
    }

    /// The size of the picture `png` holds, decoded in full (every row inflated); nil when it
    /// is not a PNG cairo can decode (truncated, corrupt, not a PNG).
    static func decodedSize(_ png: [UInt8]) -> (width: Int, height: Int)? {
        let source = ByteSource(png)
        let surface = cairo_image_surface_create_from_png_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                return Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue().read(into: data, Int(length))
                    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(source).toOpaque())
        defer { cairo_surface_destroy(surface) }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { return nil }
        return (Int(cairo_image_surface_get_width(surface)), Int(cairo_image_surface_get_height(surface)))
    }

    private static func takeMessage(_ error: inout UnsafeMutablePointer<GError>?, or fallback: String) -> String {
        guard let current = error else { return fallback }
        defer {
            g_error_free(current)
            error = nil
        }
        return current.pointee.message.map { String(cString: $0) } ?? fallback
    }

    private final class ByteSource {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func read(into buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
            guard count <= bytes.count - offset else { return false }
            bytes.withUnsafeBufferPointer { all in
                buffer.update(from: all.baseAddress! + offset, count: count)
            }
            offset += count
            return true
        }
    }
}

extension SVGRaster {
    /// The CRC-32 of PNG chunks and ZIP entries, from zlib (which libpng links): the C library's
    /// vectorised one, some ten times the speed of a table look-up per byte in Swift.
    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return UInt32(truncatingIfNeeded: CRSVG.crc32_z(0, base, bytes.count))
    }
}
