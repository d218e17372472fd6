import CRSVG
import Foundation

/// SVG to PNG with librsvg and cairo (Debian: librsvg2-dev; the library Wikimedia renders its
/// SVG thumbnails with), and a PNG decoded back to check it. The only file that calls them.
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
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
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
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            return .failure(Failure(message: "cairo cannot write the PNG: " + String(cString: cairo_status_to_string(status))))
        }
        return .success(sink.bytes)
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

    private final class ByteSink {
        var bytes: [UInt8] = []
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
