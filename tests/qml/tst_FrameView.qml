// FrameView, the picture of every camera and photo on screen: a camera frame drawn fitted (letterboxed)
// or cropped to fill the item, mirrored for the candidate's own view, and the face box placed on the
// same pixels (mapNormalized). The source is a picture with a red left half and a blue right half.
import QtQuick
import QtTest
import ExamSite

Item {
    id: root

    width: 400
    height: 300

    // 200x100, left half red, right half blue; grabbed into a QImage for the views.
    Row {
        id: source
        Rectangle { width: 100; height: 100; color: "red" }
        Rectangle { width: 100; height: 100; color: "blue" }
    }

    FrameView {
        id: view
        x: 0
        y: 0
        width: 400
        height: 100
    }

    // A frame inside a clipping item but outside its visible part, as a camera tile scrolled out of the
    // feed wall's grid: nothing of it may be drawn (it was drawn unclipped over the panel below).
    Item {
        id: clipper
        y: 150
        width: 400
        height: 40
        clip: true
        FrameView {
            id: hidden
            y: 50 // the clipper shows y 0..40 only
            width: 400
            height: 100
            visible: false
        }
    }

    TestCase {
        name: "FrameView"
        when: windowShown

        property var picture: null

        function initTestCase() {
            let done = false;
            source.grabToImage(function (result) {
                picture = result.image;
                done = true;
            });
            tryVerify(() => done, 5000);
            source.visible = false;
        }

        function init() {
            view.width = 400;
            view.height = 100;
            view.mirrored = false;
            view.crop = false;
            view.image = picture;
        }

        function colour(shot, x, y) {
            const c = shot.pixel(x, y);
            return c.r > 0.8 && c.b < 0.2 ? "red" : c.b > 0.8 && c.r < 0.2 ? "blue" : "other";
        }

        function test_fittedIsLetterboxed() {
            // 200x100 in 400x100: drawn 200x100 in the middle, nothing at the sides.
            verify(view.hasImage);
            waitForRendering(view);
            const shot = grabImage(view);
            compare(colour(shot, 10, 50), "other");
            compare(colour(shot, 120, 50), "red");
            compare(colour(shot, 280, 50), "blue");
            compare(colour(shot, 390, 50), "other");
            compare(view.mapNormalized(Qt.rect(0, 0, 0.5, 1)), Qt.rect(100, 0, 100, 100));
        }

        function test_mirroredSwapsTheSides() {
            view.mirrored = true;
            waitForRendering(view);
            const shot = grabImage(view);
            compare(colour(shot, 120, 50), "blue");
            compare(colour(shot, 280, 50), "red");
            // The left half of the picture is on the right now.
            compare(view.mapNormalized(Qt.rect(0, 0, 0.5, 1)), Qt.rect(200, 0, 100, 100));
        }

        function test_croppedFillsTheItem() {
            // 200x100 in 100x100, cropped: the middle of the picture fills the item, half red, half blue.
            view.width = 100;
            view.crop = true;
            waitForRendering(view);
            let shot = grabImage(view);
            compare(colour(shot, 5, 50), "red");
            compare(colour(shot, 95, 50), "blue");
            compare(view.mapNormalized(Qt.rect(0.5, 0, 0.5, 1)), Qt.rect(50, 0, 50, 100));
            view.mirrored = true;
            waitForRendering(view);
            shot = grabImage(view);
            compare(colour(shot, 5, 50), "blue");
            compare(colour(shot, 95, 50), "red");
        }

        function test_clippedAwayDrawsNothing() {
            hidden.image = picture;
            hidden.visible = true;
            waitForRendering(root);
            const shot = grabImage(root);
            // Where it would be without the clip (window y 200..300): nothing; the clipper's own area: nothing.
            compare(colour(shot, 120, 250), "other");
            compare(colour(shot, 280, 250), "other");
            compare(colour(shot, 120, 170), "other");
            // Moved into the clipper's view: drawn, cut at its edge.
            hidden.y = 0;
            waitForRendering(root);
            const seen = grabImage(root);
            compare(colour(seen, 120, 170), "red");
            compare(colour(seen, 120, 195), "other");
            hidden.visible = false;
        }

        function test_noImageDrawsNothing() {
            view.image = null;
            verify(!view.hasImage);
            waitForRendering(view);
            const shot = grabImage(view);
            compare(colour(shot, 200, 50), "other");
        }
    }
}
