// Layout checks shared by the screen tests: what lies past the window's edge, which layout children
// are wider than their layout (a long label pushing a card's content past its border), and buttons
// under the 44 px touch target.
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
    return String(item).split("(")[0] + " " + item.objectName
}

// Every visible item under `item` outside a clipping (scrolling) area lies inside `window`, and every
// layout's children fit in the layout. Returns a line per offender.
function problems(window, item, clipped, found) {
    for (let i = 0; i < item.children.length; ++i) {
        const child = item.children[i]
        if (!child.visible || child.width <= 0 || child.height <= 0 || child.opacity === 0 || isShadow(child))
            continue
        const p = child.mapToItem(window, 0, 0)
        const inLayout = /^QQuick(Row|Column|Grid)Layout/.test(String(item))
        if (String(child).startsWith("AppButton") && child.height < 44 - 0.5)
            found.push(describe(child) + " is " + Math.round(child.height) + " px high, under the 44 px touch target")
        else if (inLayout && child.x + child.width > item.width + 1)
            found.push(describe(child) + " is " + Math.round(child.width) + " wide in a layout of " + Math.round(item.width))
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
