/* WriteLog: a recorded run's cell writes, (block, cell, old, new) in order,
 * in typed chunks (part of _l1c.c, included there).
 *
 * The pure twin is trace.ListWriteLog, four list entries a write. Here a
 * write is 29 bytes: the block reference, the cell index (int32), and old
 * and new as int64 when they are exact ints in range, so the millions of
 * int objects a loop writes are not kept alive; any other value (None, a
 * Ptr, a float, a big u64) is kept in a side list and its index stored
 * instead, flagged in the write's tag byte. Chunks of WL_CHUNK writes never
 * move, so the log grows without copying or doubling. tests/sim/
 * test_writelog.py proves the two logs read and rewind alike. */

#define WL_SHIFT 16
#define WL_CHUNK (1 << WL_SHIFT)
#define WL_OLD_OBJ 1
#define WL_NEW_OBJ 2

typedef struct {
    PyObject *block[WL_CHUNK];
    int64_t old[WL_CHUNK], new_[WL_CHUNK];
    int32_t cell[WL_CHUNK];
    uint8_t tag[WL_CHUNK];
} WLChunk;

typedef struct {
    PyObject_HEAD
    WLChunk **chunks;
    Py_ssize_t nchunks, chunkcap, n;
    PyObject *objs;    /* the values that are not int64s, in write order */
    PyObject *cells_name;
} WriteLog;

/* store v as an int64 (0) or as an index into objs (the tag bit) */
static int wl_value(WriteLog *w, PyObject *v, int64_t *out, uint8_t bit, uint8_t *tag) {
    if (PyLong_CheckExact(v)) {
        int overflow = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (!overflow && !(x == -1 && PyErr_Occurred())) { *out = x; return 0; }
        PyErr_Clear();
    }
    *out = PyList_GET_SIZE(w->objs);
    *tag |= bit;
    return PyList_Append(w->objs, v);
}

static int wl_add(WriteLog *w, PyObject *b, PyObject *cell, PyObject *old, PyObject *new_) {
    long i = PyLong_AsLong(cell);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0 || i > INT32_MAX) { PyErr_SetString(PyExc_OverflowError, "cell index out of range"); return -1; }
    Py_ssize_t k = w->n & (WL_CHUNK - 1);
    if (k == 0 && (w->n >> WL_SHIFT) == w->nchunks) {
        if (w->nchunks == w->chunkcap) {
            Py_ssize_t cap = w->chunkcap ? w->chunkcap * 2 : 16;
            WLChunk **a = PyMem_Realloc(w->chunks, (size_t)cap * sizeof *a);
            if (a == NULL) { PyErr_NoMemory(); return -1; }
            w->chunks = a;
            w->chunkcap = cap;
        }
        WLChunk *c = PyMem_Malloc(sizeof *c);
        if (c == NULL) { PyErr_NoMemory(); return -1; }
        w->chunks[w->nchunks++] = c;
    }
    WLChunk *c = w->chunks[w->n >> WL_SHIFT];
    uint8_t tag = 0;
    if (wl_value(w, old, &c->old[k], WL_OLD_OBJ, &tag) || wl_value(w, new_, &c->new_[k], WL_NEW_OBJ, &tag))
        return -1;
    Py_INCREF(b);
    c->block[k] = b;
    c->cell[k] = (int32_t)i;
    c->tag[k] = tag;
    w->n++;
    return 0;
}

/* add((block, cell, old, new)): the hot closures' one-call write */
static PyObject *wl_add_m(WriteLog *w, PyObject *t) {
    if (!PyTuple_CheckExact(t) || PyTuple_GET_SIZE(t) != 4) {
        PyErr_SetString(PyExc_TypeError, "add((block, cell, old, new))");
        return NULL;
    }
    if (wl_add(w, PyTuple_GET_ITEM(t, 0), PyTuple_GET_ITEM(t, 1), PyTuple_GET_ITEM(t, 2), PyTuple_GET_ITEM(t, 3)))
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *wl_write_m(WriteLog *w, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) { PyErr_SetString(PyExc_TypeError, "write(block, cell, old, new)"); return NULL; }
    if (wl_add(w, args[0], args[1], args[2], args[3])) return NULL;
    Py_RETURN_NONE;
}

/* the value stored for write j (new or old), as a new reference */
static PyObject *wl_get(WriteLog *w, WLChunk *c, Py_ssize_t k, int new_) {
    int64_t v = new_ ? c->new_[k] : c->old[k];
    if (c->tag[k] & (new_ ? WL_NEW_OBJ : WL_OLD_OBJ)) {
        PyObject *o = PyList_GET_ITEM(w->objs, v);
        Py_INCREF(o);
        return o;
    }
    return PyLong_FromLongLong(v);
}

static Py_ssize_t wl_len(WriteLog *w) { return w->n; }

static PyObject *wl_item(WriteLog *w, Py_ssize_t j) {
    if (j < 0 || j >= w->n) { PyErr_SetString(PyExc_IndexError, "write log index out of range"); return NULL; }
    WLChunk *c = w->chunks[j >> WL_SHIFT];
    Py_ssize_t k = j & (WL_CHUNK - 1);
    PyObject *old = wl_get(w, c, k, 0), *new_ = old ? wl_get(w, c, k, 1) : NULL;
    if (new_ == NULL) { Py_XDECREF(old); return NULL; }
    PyObject *r = Py_BuildValue("(OiNN)", c->block[k], (int)c->cell[k], old, new_);
    return r;
}

/* cells[i] = v, growing cells with None as trace._set_cell does */
static int wl_set_cell(PyObject *cells, Py_ssize_t i, PyObject *v) {
    if (!PyList_CheckExact(cells)) {
        PyObject *idx = PyLong_FromSsize_t(i);
        int r = idx ? PyObject_SetItem(cells, idx, v) : -1;
        Py_XDECREF(idx);
        return r;
    }
    while (PyList_GET_SIZE(cells) <= i) {
        if (PyList_Append(cells, Py_None)) return -1;
    }
    Py_INCREF(v);
    PyList_SetItem(cells, i, v);  /* steals v, releases the old item */
    return 0;
}

/* replay writes lo..hi-1: forward setting each new value, or (undo) from
 * hi-1 down to lo setting each old one */
static PyObject *wl_replay(WriteLog *w, PyObject *const *args, Py_ssize_t nargs, int undo) {
    Py_ssize_t lo, hi;
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "(lo, hi)"); return NULL; }
    lo = PyLong_AsSsize_t(args[0]);
    hi = PyLong_AsSsize_t(args[1]);
    if ((lo == -1 || hi == -1) && PyErr_Occurred()) return NULL;
    if (lo < 0) lo = 0;
    if (hi > w->n) hi = w->n;
    PyObject *last = NULL, *cells = NULL;
    for (Py_ssize_t s = 0; s < hi - lo; s++) {
        Py_ssize_t j = undo ? hi - 1 - s : lo + s;
        WLChunk *c = w->chunks[j >> WL_SHIFT];
        Py_ssize_t k = j & (WL_CHUNK - 1);
        if (c->block[k] != last) {  /* consecutive writes mostly hit one block */
            Py_XDECREF(cells);
            last = c->block[k];
            cells = PyObject_GetAttr(last, w->cells_name);
            if (cells == NULL) return NULL;
        }
        PyObject *v = wl_get(w, c, k, !undo);
        if (v == NULL || wl_set_cell(cells, c->cell[k], v)) { Py_XDECREF(v); Py_DECREF(cells); return NULL; }
        Py_DECREF(v);
    }
    Py_XDECREF(cells);
    Py_RETURN_NONE;
}

static PyObject *wl_redo_m(WriteLog *w, PyObject *const *args, Py_ssize_t nargs) { return wl_replay(w, args, nargs, 0); }
static PyObject *wl_undo_m(WriteLog *w, PyObject *const *args, Py_ssize_t nargs) { return wl_replay(w, args, nargs, 1); }

static int wl_init(WriteLog *w, PyObject *args, PyObject *kw) {
    if (!PyArg_ParseTuple(args, "")) return -1;
    if (w->objs == NULL && (w->objs = PyList_New(0)) == NULL) return -1;
    if (w->cells_name == NULL && (w->cells_name = PyUnicode_InternFromString("cells")) == NULL) return -1;
    return 0;
}

static int wl_traverse(WriteLog *w, visitproc visit, void *arg) {
    for (Py_ssize_t j = 0; j < w->n; j++) Py_VISIT(w->chunks[j >> WL_SHIFT]->block[j & (WL_CHUNK - 1)]);
    Py_VISIT(w->objs);
    return 0;
}

static int wl_clear(WriteLog *w) {
    for (Py_ssize_t j = 0; j < w->n; j++) Py_CLEAR(w->chunks[j >> WL_SHIFT]->block[j & (WL_CHUNK - 1)]);
    w->n = 0;
    Py_CLEAR(w->objs);
    return 0;
}

static void wl_dealloc(WriteLog *w) {
    PyObject_GC_UnTrack(w);
    wl_clear(w);
    for (Py_ssize_t i = 0; i < w->nchunks; i++) PyMem_Free(w->chunks[i]);
    PyMem_Free(w->chunks);
    Py_CLEAR(w->cells_name);
    Py_TYPE(w)->tp_free((PyObject *)w);
}

static PyMethodDef wl_methods[] = {
    {"add", (PyCFunction)wl_add_m, METH_O, "add((block, cell, old, new)): log one write"},
    {"write", (PyCFunction)(void (*)(void))wl_write_m, METH_FASTCALL, "write(block, cell, old, new)"},
    {"redo", (PyCFunction)(void (*)(void))wl_redo_m, METH_FASTCALL, "redo(lo, hi): writes lo..hi-1 forward, new values"},
    {"undo", (PyCFunction)(void (*)(void))wl_undo_m, METH_FASTCALL, "undo(lo, hi): writes hi-1..lo backward, old values"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods wl_as_sequence = {
    .sq_length = (lenfunc)wl_len,
    .sq_item = (ssizeargfunc)wl_item,
};

static PyTypeObject WriteLogType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "stackvsheap.sim._l1c.WriteLog",
    .tp_basicsize = sizeof(WriteLog),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "WriteLog(): a recorded run's cell writes, (block, cell, old, new) in order",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)wl_init,
    .tp_traverse = (traverseproc)wl_traverse,
    .tp_clear = (inquiry)wl_clear,
    .tp_dealloc = (destructor)wl_dealloc,
    .tp_methods = wl_methods,
    .tp_as_sequence = &wl_as_sequence,
};
