// Layout checks shared by the screen tests: what lies past the window's edge, which layout children
// are wider or taller than their layout, wrapped labels taller than the box their layout gave them (a long label pushing a card's content past its border), visible siblings
// in one positioner or layout that overlap each other (buttons pushed onto one another), buttons
// under the 44 px touch target or with their label cut off, and text fields whose hint is cut off; and
// the screenshots the screen tests keep (saveScreenshot).
.pragma library

// Material's elevation shadows are drawn past their control on purpose.
function isShadow(item) {
    if (String(item).startsWith("QQuickShaderEffectSource"))
        return true
    for (let j = 0; j < item.children.length; ++j)
        if (String(item.children[j]).startsWith("QQuickShaderEffectSource"))
            return true
    return false
}

function describe(item) {
    const text = typeof item.text === "string" && item.text.length > 0 ? " '" + item.text.slice(0, 40) + "'" : ""
    return String(item).split("(")[0] + " " + item.objectName + text
}

// A Row, Column, Grid or Flow, or a RowLayout, ColumnLayout or GridLayout (also as the root of a
// component of ours, whose class name is the component's): it places its children side by side, so
// none may overlap another. A view (ListView, GridView) places its delegates itself; a StackLayout
// shows one child at a time.
function arranges(item) {
    if (item.contentY !== undefined)
        return false
    if (item.populate !== undefined && item.spacing !== undefined)
        return true
    return item.layoutDirection !== undefined && (item.spacing !== undefined || item.columnSpacing !== undefined)
}

// Something a finger taps: our buttons (also as the root of a component, e.g. LanguageButton) and the
// console's page entries.
function isTouchTarget(item) {
    const type = String(item)
    return type.startsWith("AppButton") || type.startsWith("LanguageButton")
            || (typeof item.objectName === "string" && item.objectName.startsWith("nav_"))
}

// The height a control is drawn at: without the insets a style may put around its box.
function drawnHeight(item) {
    return item.height - (item.topInset || 0) - (item.bottomInset || 0)
}

function shown(child) {
    return child.visible && child.width > 0 && child.height > 0 && child.opacity !== 0 && !isShadow(child)
}

// Visible children of `item` (a positioner or layout) that overlap a sibling by more than a pixel.
function overlaps(item, found) {
    const kids = []
    for (let i = 0; i < item.children.length; ++i)
        if (shown(item.children[i]))
            kids.push(item.children[i])
    for (let i = 0; i < kids.length; ++i)
        for (let j = i + 1; j < kids.length; ++j) {
            const a = kids[i], b = kids[j]
            const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
            const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
            if (w > 1 && h > 1)
                found.push(describe(a) + " and " + describe(b) + " overlap by " + Math.round(w) + "x" + Math.round(h)
                           + " in " + describe(item))
        }
    return found
}

// Every visible item under `item` outside a clipping (scrolling) area lies inside `window`, and every
// layout's children fit in the layout. Returns a line per offender.
function problems(window, item, clipped, found) {
    if (arranges(item))
        overlaps(item, found)
    for (let i = 0; i < item.children.length; ++i) {
        const child = item.children[i]
        if (!child.visible || child.width <= 0 || child.height <= 0 || child.opacity === 0 || isShadow(child))
            continue
        const p = child.mapToItem(window, 0, 0)
        // A Flow wraps its children onto more lines than its height may allow for (in a layout, a Flow's
        // implicit height is one line's): those lines overlap what follows.
        const inLayout = /^QQuick((Row|Column|Grid)Layout|Flow)/.test(String(item))
        // A field's hint cut off (walk B item 3: "其中社…" at 1024x768): the style's placeholder text elides it.
        if (typeof child.placeholderText === "string" && child.placeholderText.length > 0 && child.length === 0)
            for (let j = 0; j < child.children.length; ++j) {
                const hint = child.children[j]
                if (hint.text === child.placeholderText && hint.truncated)
                    found.push(describe(child) + " has its hint '" + child.placeholderText + "' cut off at "
                               + Math.round(hint.width) + " px")
            }
        if (isTouchTarget(child) && drawnHeight(child) < 44 - 0.5)
            found.push(describe(child) + " is " + Math.round(drawnHeight(child)) + " px high, under the 44 px touch target")
        else if (String(child).startsWith("AppButton") && child.contentItem && child.contentItem.truncated)
            found.push(describe(child) + " has its label cut off at " + Math.round(child.width) + " px")
        else if (arranges(item) && String(child).startsWith("QQuickText(") && child.wrapMode !== 0 /* Text.NoWrap */
                 && child.maximumLineCount > child.lineCount && child.contentHeight > child.height + 2)
            // A wrapped label taller than the box its layout gave it: its last lines run over what follows
            // (the layout kept an old height, e.g. after a language switch).
            found.push(describe(child) + " has " + child.lineCount + " lines (" + Math.round(child.contentHeight)
                       + " px) in a box of " + Math.round(child.height) + " px: they run over what follows")
        else if (inLayout && child.x + child.width > item.width + 1)
            found.push(describe(child) + " is " + Math.round(child.width) + " wide in a layout of " + Math.round(item.width))
        else if (inLayout && child.y + child.height > item.height + 1)
            found.push(describe(child) + " ends " + Math.round(child.y + child.height - item.height)
                       + " px below the bottom of its layout " + describe(item) + " (its content does not fit)")
        else if (!clipped && (p.x < -1 || p.y < -1 || p.x + child.width > window.width + 1
                              || p.y + child.height > window.height + 1))
            found.push(describe(child) + " at " + Math.round(p.x) + "," + Math.round(p.y) + " " + Math.round(child.width)
                       + "x" + Math.round(child.height) + " is past the window's edge")
        problems(window, child, clipped || child.clip, found)
    }
    return found
}

// The screen sizes the product is checked at, in both languages.
function sizes() {
    const rows = []
    for (const size of [[1024, 768], [1280, 800], [1366, 768], [1920, 1080]])
        for (const language of ["zh_CN", "en"])
            rows.push({ tag: size[0] + "x" + size[1] + " " + language, w: size[0], h: size[1], language: language,
                        index: rows.length })
    return rows
}

// The name of a screenshot: page-size-lang.png ("console-operations-1024x768-zh_CN.png").
function screenshotName(page, data) {
    return page + "-" + data.w + "x" + data.h + "-" + data.language + ".png"
}
