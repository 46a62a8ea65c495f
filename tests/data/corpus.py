"""Makes the files of the signing corpus with pyHanko's library: signatures and certifications
by another tool, and the incremental updates other tools make after a signature.

    corpus.py certify IN OUT P12 PASSWORD LEVEL [VISIBLE]   pyHanko certification, DocMDP /P LEVEL
    corpus.py sign IN OUT P12 PASSWORD FIELD                 pyHanko approval signature (visible)
    corpus.py annotate IN OUT                                a sticky-note comment on page 1
    corpus.py fill IN OUT FIELD VALUE                        types VALUE into text field FIELD
    corpus.py info IN OUT                                    changes the Info dictionary's title
    corpus.py dss IN OUT CERT...                             adds a DSS with the certificates
    corpus.py content IN OUT                                 replaces page 1's content stream
    corpus.py timestamp IN OUT P12 PASSWORD                  a document timestamp (RFC 3161),
                                                             the P12's key acting as the TSA
"""

import sys

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers


def writer(path):
    return IncrementalPdfFileWriter(open(path, "rb"))


def finish(w, out):
    with open(out, "wb") as f:
        w.write(f)


def signer(p12, password):
    return signers.SimpleSigner.load_pkcs12(p12, passphrase=password.encode())


def sign(inp, out, p12, password, field, certify=False, level=2, visible=True):
    w = writer(inp)
    box = (300, 600, 500, 660) if visible else None
    fields.append_signature_field(
        w, fields.SigFieldSpec(sig_field_name=field, on_page=0, box=box)
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm(level),
    )
    with open(out, "wb") as f:
        signers.PdfSigner(meta, signer=signer(p12, password)).sign_pdf(w, output=f)


def annotate(inp, out):
    w = writer(inp)
    page_ref = w.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Text"),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.NumberObject(v) for v in (100, 700, 120, 720)]
            ),
            pdf_name("/Contents"): pdf_string("Ghi chú thêm sau khi ký"),
        }
    )
    ref = w.add_object(note)
    annots = page.get("/Annots")
    if isinstance(annots, generic.IndirectObject):
        arr = annots.get_object()
        arr.append(ref)
        w.mark_update(annots)
    else:
        arr = generic.ArrayObject(list(annots or []))
        arr.append(ref)
        page[pdf_name("/Annots")] = arr
        w.update_container(page)
    finish(w, out)


def fill(inp, out, name, value):
    w = writer(inp)
    for f in w.root["/AcroForm"]["/Fields"]:
        field = f.get_object()
        if field.get("/T") == name:
            field[pdf_name("/V")] = pdf_string(value)
            w.mark_update(f)
    finish(w, out)


def info(inp, out):
    w = writer(inp)
    w.set_info(generic.DictionaryObject({pdf_name("/Title"): pdf_string("Đã sửa tiêu đề")}))
    finish(w, out)


def dss(inp, out, certs):
    from asn1crypto import pem, x509
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    loaded = []
    for c in certs:
        data = open(c, "rb").read()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        loaded.append(x509.Certificate.load(data))
    with open(inp, "rb") as src:
        buf = src.read()
    import io

    stream = io.BytesIO(buf)
    DocumentSecurityStore.add_dss(stream, None, certs=loaded, force_write=True)
    with open(out, "wb") as f:
        f.write(stream.getvalue())


def content(inp, out):
    w = writer(inp)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 400 Td (DA SUA NOI DUNG) Tj ET")
    ref = w.add_object(stream)
    page[pdf_name("/Contents")] = ref
    w.update_container(page)
    finish(w, out)


def timestamp(inp, out, p12, password):
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    s = signer(p12, password)
    tsa = DummyTimeStamper(
        tsa_cert=s.signing_cert, tsa_key=s.signing_key, certs_to_embed=s.cert_registry
    )
    w = writer(inp)
    with open(out, "wb") as f:
        signers.PdfTimeStamper(tsa).timestamp_pdf(w, "sha256", output=f)


def main(argv):
    cmd, inp, out, *rest = argv
    if cmd == "certify":
        visible = len(rest) > 3 and rest[3] == "visible"
        sign(inp, out, rest[0], rest[1], "Certify", True, int(rest[2]), visible)
    elif cmd == "sign":
        sign(inp, out, rest[0], rest[1], rest[2])
    elif cmd == "annotate":
        annotate(inp, out)
    elif cmd == "fill":
        fill(inp, out, rest[0], rest[1])
    elif cmd == "info":
        info(inp, out)
    elif cmd == "dss":
        dss(inp, out, rest)
    elif cmd == "content":
        content(inp, out)
    elif cmd == "timestamp":
        timestamp(inp, out, rest[0], rest[1])
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv[1:])
